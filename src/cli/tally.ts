import { addCommand } from './main.js';

// Placeholder: the 'tally' command is being built; it registers nothing yet.
addCommand(() => {});
