import { DevicesScreen } from '../../../features/admin/devices-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <DevicesScreen />
    </Screen>
  );
}
