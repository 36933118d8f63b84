export * from './certificate.schema';
export * from './certificate-number';
export { canonicalFacts, certificateVerifyUrl, decodeCertificatePayload, MAX_PAYLOAD_LENGTH, signCertificatePayload, verifyCertificatePayload, VERIFY_PATH } from './payload';
export * from './delivery.schema';
