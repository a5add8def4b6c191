export * from '../../src/contract/office-feedback.js';
