import { StockScreen } from '../../features/stock/stock-screen';
import { Screen } from '../../features/ui/screen';

export default function Page() {
  return (
    <Screen>
      <StockScreen />
    </Screen>
  );
}
