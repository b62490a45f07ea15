// The real kubectl 1.32 (what the dispatcher runs for a 1.32 server) through the whole flow.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('32');
