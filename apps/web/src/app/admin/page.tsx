import { AdminHomeScreen } from '../../features/admin/admin-home-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <AdminHomeScreen />
    </Screen>
  );
}
