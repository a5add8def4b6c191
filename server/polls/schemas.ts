export * from '../../src/contract/office-polls.js';
