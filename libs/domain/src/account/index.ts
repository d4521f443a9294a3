export * from './password-policy';
export { COMMON_PASSWORDS } from './common-passwords';
