// kubectl 1.33 (the dispatcher picks it by /version): the commands attendees type by reflex.
import { reflexFlow } from './reflex-flow.js';

reflexFlow('33');
