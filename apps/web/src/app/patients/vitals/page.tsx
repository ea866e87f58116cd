import { RecordVitalsScreen } from '../../../features/vitals/record-vitals-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <RecordVitalsScreen />
    </Screen>
  );
}
