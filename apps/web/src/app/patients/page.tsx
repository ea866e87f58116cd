import { PatientsScreen } from '../../features/patients/patients-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <PatientsScreen />
    </Screen>
  );
}
