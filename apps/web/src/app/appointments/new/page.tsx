import { BookAppointmentScreen } from '../../../features/appointments/book-appointment-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <BookAppointmentScreen />
    </Screen>
  );
}
