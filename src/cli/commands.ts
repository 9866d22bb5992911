// Each command module registers itself through addCommand when imported.
import './check.js';
import './render.js';
import './tally.js';
import './init.js';
import './review.js';
