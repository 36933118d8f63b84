/**
 * The printed certificate's labels. The certificate is an official Chinese document whatever
 * the UI language, so its text lives here (as the intake documents' does), not in the i18n areas.
 */
export const CERTIFICATE_TEXT = {
	holderName: '持证人',
	holderId: '公民身份号码',
	certificateNumber: '证照编号',
	caseNumber: '办件编号',
	issuedOn: '发证日期',
	issuer: '发证机关',
	issuerSuffix: '人民政府（综合出证窗口）',
	scanToVerify: '扫码核验真伪',
	signature: '电子签名'
} as const;
