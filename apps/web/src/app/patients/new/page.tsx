import { RegisterPatientScreen } from '../../../features/patients/register-patient-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <RegisterPatientScreen />
    </Screen>
  );
}
