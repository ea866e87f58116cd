'use client';

import { signedInScreen } from '../../features/ui/screen';

export default signedInScreen(() =>
  import('../../features/stock/stock-screen').then((module) => module.StockScreen),
);
