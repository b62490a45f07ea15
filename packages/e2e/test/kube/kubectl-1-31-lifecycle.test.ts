// The real kubectl end-to-end (namespaces, api-resources, wait, finalizers, protobuf creates, namespace deletion) with the server answering minor 31: the dispatcher runs kubectl 1.31.
import { kubectlFlow } from './kubectl-flow.js';

kubectlFlow('31', 'lifecycle');
