// The same flow with the server answering minor 33: the dispatcher runs kubectl 1.33.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('33');
