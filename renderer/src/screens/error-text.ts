import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { isTransportError } from '../api/reply';

/** An API error in the operator's language: `errors.<CODE>`, or "connection lost" for the transport. */
export function useErrorText(): (error: ApiError) => string {
  const { t } = useTranslation();
  return useCallback((error: ApiError) => (isTransportError(error) ? t('errors.transport') : t(`errors.${error.code}`)), [t]);
}
