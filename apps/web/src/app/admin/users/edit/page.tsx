import { EditUserScreen } from '../../../../features/admin/user-form-screen';
import { Screen } from '../../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <EditUserScreen />
    </Screen>
  );
}
