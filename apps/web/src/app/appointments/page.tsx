import { AppointmentsScreen } from '../../features/appointments/appointments-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <AppointmentsScreen />
    </Screen>
  );
}
