import { PatientScreen } from '../../../features/patients/patient-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <PatientScreen />
    </Screen>
  );
}
