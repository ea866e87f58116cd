import { UsersScreen } from '../../../features/admin/users-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <UsersScreen />
    </Screen>
  );
}
