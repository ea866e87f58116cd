import { VisitSummaryScreen } from '../../../features/visit-summary/visit-summary-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <VisitSummaryScreen />
    </Screen>
  );
}
