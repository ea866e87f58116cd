import { DirectoryScreen } from '../../../features/admin/directory-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <DirectoryScreen />
    </Screen>
  );
}
