'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/medicines/medicines-screen').then((module) => module.MedicinesScreen),
);
