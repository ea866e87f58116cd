import { EditPatientScreen } from '../../../features/patients/edit-patient-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <EditPatientScreen />
    </Screen>
  );
}
