/** A byte pipe to a printer. Opening it claims the printer; closing releases it. */
export interface PrinterTransport {
  readonly description: string;
  /** Resolves once the bytes are handed to the OS (socket, tty or device). */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes the printer sends back (status). A write-only transport never calls it. */
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the link is lost, whichever side ended it. */
  onClose(listener: (reason: string) => void): void;
  close(): Promise<void>;
}
