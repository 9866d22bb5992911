import { addCommand } from './main.js';

// Placeholder: the 'check' command is being built; it registers nothing yet.
addCommand(() => {});
