import { HomeScreen } from '../features/shell/home-screen';

export default function HomePage() {
  return <HomeScreen />;
}
