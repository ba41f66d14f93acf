/** What the widget's first load shows before its conversation view has loaded: the launcher and the window's frame. */
export interface LauncherStrings {
  $code: string;
  $name: string;
  openChat: string;
  closeChat: string;
  chatTitle: string;
  connecting: string;
  /** An invitation to chat shown above the launcher (W10). */
  invitationTitle: string;
  /** An agent's invitation without a message of its own. */
  invitedBy: (agent: string) => string;
  acceptInvitation: string;
  dismissInvitation: string;
}

/** The strings of the customer's widget and of the elements both sides share. */
export interface CustomerStrings extends LauncherStrings {
  offlineTitle: string;
  offlineText: string;
  opensNext: (time: string) => string;
  emailLabel: string;
  offlineMessageLabel: string;
  sendOffline: string;
  offlineThanks: string;
  typicalWait: (duration: string) => string;
  chatTimes: (joined: string, waited: string, started: string) => string;
  endedAt: (time: string) => string;
  downloadTranscript: string;
  transcriptTitle: (agent: string, date: string) => string;
  rateTitle: string;
  stars: (n: number) => string;
  ratingComment: string;
  sendRating: string;
  ratingThanks: string;
  startVideoChat: string;
  videoCall: string;
  callAsked: (name: string) => string;
  acceptCall: string;
  declineCall: string;
  callNotice: (state: 'asked' | 'started' | 'declined' | 'ended', reason: string) => string;
  callConnecting: string;
  mute: string;
  cameraOff: string;
  hangUp: string;
  fullScreen: string;
  exitFullScreen: string;
  remoteVideo: (name: string) => string;
  selfVideo: string;
  remoteMuted: (name: string) => string;
  remoteCameraOff: (name: string) => string;
  callError: Record<'permission-denied' | 'no-device' | 'failed', string>;
  reconnecting: string;
  connectionRefused: (reason: string) => string;
  chooseQueue: string;
  yourName: string;
  startChat: string;
  waitingTitle: string;
  placeInLine: (position: number) => string;
  waitedFor: (duration: string) => string;
  leaveQueue: string;
  leftQueue: string;
  chatWith: (name: string) => string;
  messageLabel: string;
  send: string;
  charactersLeft: (left: number, max: number) => string;
  endChat: string;
  confirmEnd: string;
  /** The customer's queue was deleted while they waited (C14). */
  queueRemoved: string;
  /** The customer came back to the ended chat (W5); `agent` carries on. */
  reopened: (agent: string) => string;
  /** The end view's button back into the chat, where the queue allows it (W5). */
  returnToChat: string;
  /** Takes back the end while it asks for confirmation. */
  keepChatting: string;
  ended: string;
  endedByCustomer: string;
  endedByAgent: (name: string) => string;
  customerGone: string;
  startNewChat: string;
  you: string;
  firstMessageLabel: string;
  /** Beside a survey question the customer may leave empty (W1). */
  optional: string;
  /** The empty first choice of a survey select. */
  chooseOption: string;
  surveyProblem: (problem: 'required' | 'email' | 'too-long' | 'not-an-option') => string;
  youReleased: string;
  privateLabel: string;
  privateToggle: string;
  agentJoined: (name: string) => string;
  agentLeft: (name: string, reason: 'transferred' | 'left' | 'conference-ended') => string;
  endWarning: Record<'queue-deleted' | 'agent-removed' | 'call-failed', string>;
  attachFiles: string;
  removeFile: (name: string) => string;
  uploading: (name: string, percent: number) => string;
  fileRefused: (name: string, reason: FileRefusal, detail: string) => string;
  openFile: (name: string, size: string) => string;
  insertEmoji: string;
  cannedResponses: string;
  cannedHint: string;
  noCannedMatch: string;
  typing: (names: string[]) => string;
  chosen: string;
  notChosen: string;
}

/** The strings only the agents' elements show. */
export interface AgentStrings {
  savedContacts: (count: number) => string;
  hideContacts: string;
  switchToVideo: string;
  callWaiting: string;
  withdrawCall: string;
  statsButton: string;
  statsTitle: (queue: string) => string;
  statsRangeLabel: string;
  statsRange: Record<'today' | '7d' | '30d', string>;
  statsLabels: Record<'offered' | 'accepted' | 'rejected' | 'timedOut' | 'handled' | 'abandoned' | 'transferred' | 'wait' | 'longestWait' | 'handling' | 'abandonedAfter' | 'ratings', string>;
  durationFigures: (average: string, median: string, p90: string) => string;
  ratingFigures: (average: number, count: number) => string;
  statsByAgent: string;
  chartTitle: (range: 'today' | '7d' | '30d') => string;
  chartPoint: (label: string, served: number, abandoned: number) => string;
  longestWait: (duration: string) => string;
  signIn: string;
  signOut: string;
  signedOutNotice: string;
  chooseQueuesToServe: string;
  queuesLabel: string;
  waitingCount: (count: number) => string;
  nobodyWaiting: string;
  pick: string;
  pickNext: string;
  pickCustomer: (name: string) => string;
  joinedAt: (time: string) => string;
  agentsServing: (count: number) => string;
  noConversation: string;
  conversationStarted: (time: string) => string;
  sendFailed: (reason: string) => string;
  presenceLabel: string;
  presence: Record<'available' | 'away' | 'no-answer' | 'offline', string>;
  noAnswerNotice: string;
  queueState: Record<'open' | 'closed' | 'waiting', string>;
  openQueue: string;
  closeQueue: string;
  showLog: (queue: string) => string;
  hideLog: string;
  logLine: (kind: LogKind, agent: string, customer: string, bySchedule: boolean) => string;
  media: Record<'text' | 'video', string>;
  /** A waiting customer back for their ended chat (W5), which whoever picks them carries on. */
  returning: string;
  offeredTo: (name: string) => string;
  opensAt: (time: string) => string;
  closesAt: (time: string) => string;
  offerTitle: string;
  accept: string;
  reject: string;
  answerWithin: (seconds: number) => string;
  longWait: (customer: string, queue: string, duration: string) => string;
  dismiss: string;
  enableNotifications: string;
  conversationsLabel: string;
  closeTab: (name: string) => string;
  confirmCloseTab: string;
  cancel: string;
  unread: (count: number) => string;
  sinceAccepted: (duration: string) => string;
  release: string;
  transfer: string;
  invite: string;
  endConference: string;
  leaveConversation: string;
  createTicket: string;
  ticketCreated: string;
  chooseTarget: (kind: RequestKind) => string;
  filterLabel: string;
  reload: string;
  agentsHeading: string;
  queuesHeading: string;
  availableCount: (count: number) => string;
  waitingForAnswer: (kind: RequestKind) => string;
  withdraw: string;
  requestOutcome: (kind: RequestKind, outcome: RequestOutcome, by: string) => string;
  incomingRequest: (kind: RequestKind, from: string, customer: string) => string;
  decline: string;
  wrapUpTitle: string;
  reasonLabel: string;
  noteLabel: string;
  tagsLabel: string;
  saveWrapUp: string;
  endAndSave: string;
  wrappedUp: string;
  recentTitle: string;
  showRecent: string;
  noRecent: string;
  close: string;
  choiceMenu: string;
  question: string;
  option: (n: number) => string;
  addOption: string;
  removeOption: (n: number) => string;
  sendChoices: string;
  customerInfo: string;
  verified: string;
  infoLabels: Record<'page' | 'referrer' | 'language' | 'browser' | 'device' | 'answers', string>;
  devices: Record<'desktop' | 'mobile' | 'tablet', string>;
  /** Proactive chat (W10): the visitors on the site, and the agent's invitations to them. */
  visitorsButton: string;
  visitorsTitle: string;
  noVisitors: string;
  onSite: (duration: string) => string;
  visitorInvitedBy: (agent: string) => string;
  inviteVisitor: (page: string) => string;
  invitationQueue: string;
  invitationMessage: string;
  sendInvitation: string;
  invitationPending: string;
  invitationOutcome: Record<InvitationOutcome, string>;
  /** Marks a customer or a conversation that began with an accepted invitation. */
  proactive: string;
  proactiveLabel: string;
}

/** Every string the elements show. Hosts may override any of them with `registerTranslation`. */
export type Translation = CustomerStrings & AgentStrings;

/** Why a file was not attached: checked in the browser first, then by the relay. */
export type FileRefusal = 'too-large' | 'too-many' | 'type' | 'quota' | 'failed';

export type RequestKind = 'transfer' | 'invite';
export type InvitationOutcome = 'accepted' | 'dismissed' | 'expired' | 'gone';
export type RequestOutcome = 'accepted' | 'declined' | 'timeout' | 'taken' | 'cancelled' | 'conversation-ended';

export type LogKind =
  | 'opened'
  | 'closed'
  | 'joined'
  | 'left'
  | 'gone'
  | 'offered'
  | 'accepted'
  | 'rejected'
  | 'timed-out'
  | 'picked'
  | 'released';

export type TranslationOverride = Partial<Translation> & { $code: string };
