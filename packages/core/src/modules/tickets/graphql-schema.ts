/** The tickets module's GraphQL types (resolvers in graphql.ts). */
export const ticketsTypeDefs = /* GraphQL */ `
  enum TicketStatus {
    NEW
    OPEN
    PENDING
    ON_HOLD
    SOLVED
    CLOSED
  }

  enum TicketPriority {
    LOW
    NORMAL
    HIGH
    URGENT
  }

  enum TicketChannel {
    API
    WEB_CHAT
    EMAIL
    PHONE
    CONSOLE
  }

  enum MessageAuthorKind {
    CUSTOMER
    AGENT
    BOT
    SYSTEM
  }

  enum TicketMessageKind {
    MESSAGE
    """
    Internal notes: staff only, never shown to customers or through API keys.
    """
    NOTE
  }

  enum CustomFieldType {
    TEXT
    NUMBER
    SELECT
    MULTI_SELECT
    DATE
    CHECKBOX
  }

  enum TicketSortField {
    UPDATED_AT
    CREATED_AT
    """
    URGENT first (descending), then by updatedAt.
    """
    PRIORITY
  }

  enum TicketSortDirection {
    DESC
    ASC
  }

  """
  One custom field's value: the member that matches the field's type is set.
  """
  type CustomFieldValue {
    key: String!
    text: String
    number: Float
    checkbox: Boolean
    """
    YYYY-MM-DD
    """
    date: String
    option: String
    options: [String!]
  }

  type TicketCsat {
    sentAt: DateTime!
    score: Int
    comment: String
    answeredAt: DateTime
    """
    The survey's token for submitCsat (a link in a chat or an e-mail); null once answered.
    """
    surveyToken: String
  }

  type Ticket {
    id: ID!
    """
    Per tenant, from 1 (#1234).
    """
    number: Int!
    subject: String!
    status: TicketStatus!
    priority: TicketPriority!
    tags: [String!]!
    assigneeId: ID
    groupId: String
    channel: TicketChannel!
    customerId: ID!
    customFields: [CustomFieldValue!]!
    """
    Send it back with every change (optimistic concurrency): a stale one is CONFLICT.
    """
    version: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
    lastMessageAt: DateTime
    statusChangedAt: DateTime!
    solvedAt: DateTime
    closedAt: DateTime
    mergedIntoId: ID
    mergedFromIds: [ID!]!
    linkedTicketIds: [ID!]!
    csat: TicketCsat
  }

  type TicketPage {
    items: [Ticket!]!
    """
    Pass as \`after\` for the next page (opaque).
    """
    endCursor: String
    hasNextPage: Boolean!
  }

  type MessageAuthor {
    kind: MessageAuthorKind!
    """
    The agent's user id, the customer's id, or null (bot, system).
    """
    id: ID
  }

  type TicketAttachment {
    name: String!
    contentType: String!
    size: Int!
    url: String
  }

  type TicketMessage {
    id: ID!
    ticketId: ID!
    kind: TicketMessageKind!
    author: MessageAuthor!
    channel: TicketChannel!
    text: String!
    attachments: [TicketAttachment!]!
    createdAt: DateTime!
  }

  type TicketMessagePage {
    items: [TicketMessage!]!
    endCursor: String
    hasNextPage: Boolean!
  }

  type ConversationEntryPayload {
    message: TicketMessage!
    ticket: Ticket!
  }

  type CustomFieldFilter {
    key: String!
    value: String!
  }

  type TicketViewFilter {
    statuses: [TicketStatus!]
    priorities: [TicketPriority!]
    assigneeIds: [ID!]
    assignedToMe: Boolean
    unassigned: Boolean
    groupIds: [String!]
    tags: [String!]
    channels: [TicketChannel!]
    customerId: ID
    customFields: [CustomFieldFilter!]
  }

  type TicketView {
    id: ID!
    name: String!
    shared: Boolean!
    filter: TicketViewFilter!
    sort: TicketSortField!
    direction: TicketSortDirection!
    position: Int!
    """
    Tickets matching the view now.
    """
    count: Int!
  }

  type CustomFieldOption {
    value: String!
    labelEn: String!
    labelZh: String!
  }

  type CustomFieldDefinition {
    id: ID!
    key: String!
    type: CustomFieldType!
    labelEn: String!
    labelZh: String!
    options: [CustomFieldOption!]!
    requiredOnSolve: Boolean!
    position: Int!
    createdAt: DateTime!
  }

  type TicketSettings {
    """
    How long after solving a ticket can be reopened (a customer's reply reopens it; later it opens a new ticket).
    """
    reopenWindowDays: Int!
    csatEnabled: Boolean!
  }

  type BulkTicketResult {
    ticketId: ID!
    ok: Boolean!
    """
    The error code when this ticket was not changed (NOT_FOUND, TICKET_TRANSITION_NOT_ALLOWED, …).
    """
    code: String
    message: String
    ticket: Ticket
  }

  type BulkUpdateTicketsResult {
    results: [BulkTicketResult!]!
    succeeded: Int!
    failed: Int!
  }

  input CustomFieldFilterInput {
    key: String!
    value: String!
  }

  """
  Values within a field are alternatives; fields combine with AND; tags: all of them.
  """
  input TicketFilter {
    statuses: [TicketStatus!]
    priorities: [TicketPriority!]
    assigneeIds: [ID!]
    assignedToMe: Boolean
    unassigned: Boolean
    groupIds: [String!]
    tags: [String!]
    channels: [TicketChannel!]
    customerId: ID
    customFields: [CustomFieldFilterInput!]
  }

  """
  One custom field value: give the member of the field's type, or none to clear the field.
  """
  input CustomFieldValueInput {
    key: String!
    text: String
    number: Float
    checkbox: Boolean
    date: String
    option: String
    options: [String!]
  }

  """
  Attachment metadata (the file itself is stored elsewhere): at most 10 per message, 25 MB each, 50 MB together.
  """
  input TicketAttachmentInput {
    name: String!
    contentType: String!
    size: Int!
    url: String
  }

  input FirstMessageInput {
    text: String
    attachments: [TicketAttachmentInput!]
    """
    Agents: AGENT (default) or CUSTOMER (logging what the customer said); API keys: CUSTOMER (default) or BOT.
    """
    authorKind: MessageAuthorKind
  }

  input CreateTicketInput {
    subject: String!
    customerId: ID!
    channel: TicketChannel
    status: TicketStatus
    priority: TicketPriority
    tags: [String!]
    assigneeId: ID
    groupId: String
    customFields: [CustomFieldValueInput!]
    message: FirstMessageInput
  }

  """
  Only what is given changes. assigneeId / groupId: null clears. tags replaces; addTags / removeTags adjust.
  """
  input TicketPatch {
    subject: String
    status: TicketStatus
    priority: TicketPriority
    tags: [String!]
    addTags: [String!]
    removeTags: [String!]
    assigneeId: ID
    groupId: String
    customerId: ID
    customFields: [CustomFieldValueInput!]
  }

  input ReplyInput {
    text: String
    attachments: [TicketAttachmentInput!]
    """
    Submit the reply as this status (e.g. PENDING); then version is required.
    """
    status: TicketStatus
    version: Int
  }

  input NoteInput {
    text: String
    attachments: [TicketAttachmentInput!]
  }

  input ApiMessageInput {
    text: String
    attachments: [TicketAttachmentInput!]
    """
    CUSTOMER or BOT.
    """
    authorKind: MessageAuthorKind!
  }

  input BulkTicketPatch {
    status: TicketStatus
    priority: TicketPriority
    assigneeId: ID
    addTags: [String!]
    removeTags: [String!]
  }

  input BulkUpdateTicketsInput {
    """
    At most 100.
    """
    ticketIds: [ID!]!
    patch: BulkTicketPatch!
  }

  input TicketViewInput {
    name: String!
    shared: Boolean
    filter: TicketFilter
    sort: TicketSortField
    direction: TicketSortDirection
    position: Int
  }

  input CustomFieldOptionInput {
    value: String!
    labelEn: String!
    labelZh: String!
  }

  input CreateCustomFieldInput {
    key: String!
    type: CustomFieldType!
    labelEn: String!
    labelZh: String!
    options: [CustomFieldOptionInput!]
    requiredOnSolve: Boolean
    position: Int
  }

  input UpdateCustomFieldInput {
    labelEn: String
    labelZh: String
    options: [CustomFieldOptionInput!]
    requiredOnSolve: Boolean
    position: Int
  }

  input TicketSettingsInput {
    reopenWindowDays: Int
    csatEnabled: Boolean
  }

  type Query {
    """
    Agents; API keys with TICKETS_READ. A view's filter and sort, an ad-hoc filter (where), or both (AND).
    """
    tickets(
      viewId: ID
      where: TicketFilter
      sort: TicketSortField
      direction: TicketSortDirection
      first: Int = 25
      after: String
    ): TicketPage!
    """
    Agents; API keys with TICKETS_READ.
    """
    ticket(id: ID!): Ticket!
    """
    Agents; API keys with TICKETS_READ.
    """
    ticketByNumber(number: Int!): Ticket!
    """
    Agents (with internal notes); API keys with TICKETS_READ (public messages only). Oldest first.
    """
    ticketMessages(ticketId: ID!, first: Int = 50, after: String): TicketMessagePage!
    """
    Agents (shared views and their own); API keys with TICKETS_READ (shared views).
    """
    ticketViews: [TicketView!]!
    """
    Agents; API keys with TICKETS_READ.
    """
    ticketCustomFields: [CustomFieldDefinition!]!
    """
    Agents; API keys with TICKETS_READ.
    """
    ticketSettings: TicketSettings!
  }

  type Mutation {
    """
    Agents (on a customer's behalf); API keys with TICKETS_WRITE. The same Idempotency-Key (the HTTP
    header, or this argument; both must agree) returns the first result; the same key with another
    request is IDEMPOTENCY_KEY_REUSED. The customer must be one of the tenant's (NOT_FOUND otherwise).
    """
    createTicket(input: CreateTicketInput!, idempotencyKey: String): Ticket!
    """
    Agents; API keys with TICKETS_WRITE. version is the one you read; a stale one is CONFLICT.
    """
    updateTicket(id: ID!, version: Int!, patch: TicketPatch!): Ticket!
    """
    Agents: a public reply to the customer.
    """
    replyToTicket(ticketId: ID!, input: ReplyInput!): ConversationEntryPayload!
    """
    API keys with TICKETS_WRITE: the customer's message or the brand bot's answer on a ticket.
    """
    addMessage(ticketId: ID!, input: ApiMessageInput!): ConversationEntryPayload!
    """
    Agents: an internal note.
    """
    addTicketNote(ticketId: ID!, input: NoteInput!): ConversationEntryPayload!
    """
    Agents: merges the source into the target (the source is solved; its conversation shows on the target).
    """
    mergeTickets(sourceId: ID!, sourceVersion: Int!, targetId: ID!, targetVersion: Int!): Ticket!
    """
    Agents: relates two tickets (both ways).
    """
    linkTickets(ticketId: ID!, linkedTicketId: ID!): Ticket!
    """
    Agents.
    """
    unlinkTickets(ticketId: ID!, linkedTicketId: ID!): Ticket!
    """
    Agents; API keys with TICKETS_WRITE. Up to 100 tickets; a result per ticket.
    """
    bulkUpdateTickets(input: BulkUpdateTicketsInput!): BulkUpdateTicketsResult!
    """
    Agents (personal views); supervisors and tenant admins (shared views).
    """
    createTicketView(input: TicketViewInput!): TicketView!
    """
    The view's owner; shared views: supervisors and tenant admins.
    """
    updateTicketView(id: ID!, input: TicketViewInput!): TicketView!
    """
    The view's owner; shared views: supervisors and tenant admins.
    """
    deleteTicketView(id: ID!): Boolean!
    """
    Tenant admins.
    """
    createCustomField(input: CreateCustomFieldInput!): CustomFieldDefinition!
    """
    Tenant admins. Key and type never change.
    """
    updateCustomField(id: ID!, input: UpdateCustomFieldInput!): CustomFieldDefinition!
    """
    Tenant admins.
    """
    deleteCustomField(id: ID!): Boolean!
    """
    Tenant admins.
    """
    updateTicketSettings(input: TicketSettingsInput!): TicketSettings!
    """
    Public: the customer's answer to a satisfaction survey (the token is the credential); once per survey.
    """
    submitCsat(token: String!, score: Int!, comment: String): Boolean!
  }
`;
