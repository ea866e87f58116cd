import { ConflictsScreen } from '../../features/conflicts/conflicts-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <ConflictsScreen />
    </Screen>
  );
}
