// The real kubectl end-to-end (namespaces, api-resources, wait, finalizers, protobuf creates, namespace deletion) with the default: the dispatcher runs kubectl 1.32.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('32', 'lifecycle');
