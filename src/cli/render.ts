import { addCommand } from './main.js';

// Placeholder: the 'render' command is being built; it registers nothing yet.
addCommand(() => {});
