import type { z } from 'zod';
import type * as shapes from './shapes';

// The TypeScript side of main/api/shapes.ts: every type here is what its schema parses to.

export { roles } from './shapes';
export type Role = StaffInfo['role'];
export type StaffInfo = z.infer<typeof shapes.staffInfoSchema>;
export type SessionInfo = z.infer<typeof shapes.sessionInfoSchema>;
export type LocationInfo = z.infer<typeof shapes.locationInfoSchema>;
export type LocationKind = LocationInfo['kind'];
export type ProductInfo = z.infer<typeof shapes.productInfoSchema>;
export type ProductUnit = ProductInfo['unit'];
export type StockAtLocation = z.infer<typeof shapes.stockAtLocationSchema>;
export type StockSummary = z.infer<typeof shapes.stockSummarySchema>;
export type PriceSchedule = z.infer<typeof shapes.priceScheduleSchema>;
export type PromotionView = z.infer<typeof shapes.promotionViewSchema>;
export type ShelfLabelInfo = z.infer<typeof shapes.shelfLabelInfoSchema>;
export type MatchKind = (typeof shapes.matchKinds)[number];
export type EmbeddedMeasure = z.infer<typeof shapes.embeddedMeasureSchema>;
export type Gs1DataRead = z.infer<typeof shapes.gs1DataReadSchema>;
export type LookupResult = z.infer<typeof shapes.lookupResultSchema>;
export type ProductHit = z.infer<typeof shapes.productHitSchema>;
export type MovementInfo = z.infer<typeof shapes.movementInfoSchema>;
export type LedgerCheck = z.infer<typeof shapes.ledgerCheckSchema>;
export type SyncStatus = z.infer<typeof shapes.syncStatusSchema>;
export type SnapshotProgress = z.infer<typeof shapes.snapshotProgressSchema>;
export type ProvisioningStatus = z.infer<typeof shapes.provisioningStatusSchema>;
export type DeadLetterInfo = z.infer<typeof shapes.deadLetterInfoSchema>;
export type DeviceInfo = z.infer<typeof shapes.deviceInfoSchema>;
export type ScannedCode = z.infer<typeof shapes.scannedCodeSchema>;
export type DeviceScan = z.infer<typeof shapes.deviceScanSchema>;
export type OrderStatus = (typeof shapes.orderStatuses)[number];
export type OrderStage = (typeof shapes.orderStages)[number];
export type OrderLineInfo = z.infer<typeof shapes.orderLineInfoSchema>;
export type OrderInfo = z.infer<typeof shapes.orderInfoSchema>;
export type OrderDetail = z.infer<typeof shapes.orderDetailSchema>;
export type OrderHistoryEvent = z.infer<typeof shapes.orderHistoryEventSchema>;
export type PrinterInfo = z.infer<typeof shapes.printerInfoSchema>;
export type PrintJobInfo = z.infer<typeof shapes.printJobInfoSchema>;
export type ShelfInfo = z.infer<typeof shapes.shelfInfoSchema>;
export type ShelfAlert = z.infer<typeof shapes.shelfAlertSchema>;
export type AuditRow = z.infer<typeof shapes.auditRowSchema>;
export type AuditEntryDetail = z.infer<typeof shapes.auditEntrySchema>;
export type SetupStatus = z.infer<typeof shapes.setupStatusSchema>;
export type ShortDatedWarning = z.infer<typeof shapes.shortDatedWarningSchema>;
export type TillInfo = z.infer<typeof shapes.tillInfoSchema>;
// Staff administration and CSV import (issue 12).
export type RosterMember = z.infer<typeof shapes.rosterMemberSchema>;
export type ImportLineError = z.infer<typeof shapes.importLineErrorSchema>;
export type ImportReport = z.infer<typeof shapes.importReportSchema>;
export type PairedStationInfo = z.infer<typeof shapes.pairedStationInfoSchema>;
export type StationLinkStatus = z.infer<typeof shapes.stationLinkStatusSchema>;
// Returns from any channel (issue 16).
export type ChannelOrderInfo = z.infer<typeof shapes.channelOrderSchema>;
export type ChannelReturnInfo = z.infer<typeof shapes.channelReturnSchema>;
// Transfers between stores (issue 13).
export type TransferState = (typeof shapes.transferStates)[number];
export type TransferInfo = z.infer<typeof shapes.transferInfoSchema>;
export type TransferLists = z.infer<typeof shapes.transferListsSchema>;
export type ReceiptDetail = z.infer<typeof shapes.receiptDetailSchema>;
export type ReceiptSummary = z.infer<typeof shapes.receiptSummarySchema>;
export type ExpectedDelivery = z.infer<typeof shapes.expectedDeliverySchema>;
export type ReceivingList = z.infer<typeof shapes.receivingListSchema>;
export type ReceivingScan = z.infer<typeof shapes.receivingScanSchema>;
export type CountStatus = (typeof shapes.countStatuses)[number];
export type CountInfo = z.infer<typeof shapes.countInfoSchema>;
export type CountLine = z.infer<typeof shapes.countLineSchema>;
export type CountDetail = z.infer<typeof shapes.countDetailSchema>;
export type PrintableDocument = z.infer<typeof shapes.printableDocumentSchema>;
export type LegalIdentity = z.infer<typeof shapes.legalIdentitySchema>;
export type ExchangeQuote = z.infer<typeof shapes.exchangeQuoteSchema>;
export type ExchangeResult = z.infer<typeof shapes.exchangeResultSchema>;
export type ExchangeSettlement = (typeof shapes.exchangeSettlements)[number];
export type SettlementMethod = (typeof shapes.settlementMethods)[number];
export type CashMovementInfo = z.infer<typeof shapes.cashMovementInfoSchema>;
export type CashDaySummary = z.infer<typeof shapes.cashDaySummarySchema>;
export type KpiReport = z.infer<typeof shapes.kpiReportSchema>;
export type KpiRatio = z.infer<typeof shapes.kpiRatioSchema>;
export type DocumentCursor = z.infer<typeof shapes.documentCursorSchema>;
/** One page of a document list (receipts, counts, transfers, returns); no `limit`: the whole list. */
export interface DocumentPage {
  before?: DocumentCursor | undefined;
  limit?: number | undefined;
}
