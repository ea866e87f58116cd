import { AppointmentScreen } from '../../../features/appointments/appointment-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <AppointmentScreen />
    </Screen>
  );
}
