export * from './api';
export * from './audit';
export * from './capture';
export * from './clinical';
export * from './limits';
export * from './review';
export * from './submission';
export * from './task';
