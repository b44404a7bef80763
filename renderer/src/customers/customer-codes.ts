/** A customer's app QR or loyalty card: codes that name a customer, never a product. */
export const isCustomerCode = (text: string): boolean => {
  const code = text.trim();
  return code.startsWith('MOSTRADOR:CUSTOMER:') || code.startsWith('LOY-');
};
