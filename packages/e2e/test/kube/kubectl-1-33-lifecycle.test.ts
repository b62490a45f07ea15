// The real kubectl end-to-end (namespaces, api-resources, wait, finalizers, protobuf creates, namespace deletion) with the server answering minor 33: the dispatcher runs kubectl 1.33.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('33', 'lifecycle');
