// Runs before the app's own code in the browser (Next.js).
import './zod-without-eval';
