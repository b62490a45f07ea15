// kubectl 1.27 (the oldest the dispatcher carries here; it needs /openapi/v2): the commands attendees type by reflex.
import { reflexFlow } from './reflex-flow.js';

reflexFlow('27');
