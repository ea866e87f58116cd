import { AuditScreen } from '../../../features/admin/audit-screen';
import { Screen } from '../../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <AuditScreen />
    </Screen>
  );
}
