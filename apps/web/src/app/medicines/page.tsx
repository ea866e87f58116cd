import { MedicinesScreen } from '../../features/medicines/medicines-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <MedicinesScreen />
    </Screen>
  );
}
