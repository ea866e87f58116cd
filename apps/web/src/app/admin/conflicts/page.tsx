import { ServerConflictsScreen } from '../../../features/admin/server-conflicts-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <ServerConflictsScreen />
    </Screen>
  );
}
