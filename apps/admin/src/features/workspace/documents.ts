import { graphql } from '../../api/generated';

export const TicketFields = graphql(`
  fragment TicketFields on Ticket {
    id
    number
    subject
    status
    priority
    channel
    customerId
    assigneeId
    groupId
    tags
    customFields {
      key
      text
      number
      option
      options
      date
      checkbox
    }
    linkedTicketIds
    mergedFromIds
    mergedIntoId
    csat {
      score
      comment
      sentAt
      answeredAt
    }
    lastMessageAt
    statusChangedAt
    solvedAt
    closedAt
    createdAt
    updatedAt
    version
  }
`);

export const CustomerFields = graphql(`
  fragment CustomerFields on Customer {
    id
    displayName
    email
    mobile
    externalId
    visitorId
    residentId
    bankCard
    address
    locale
    tags
    notes
    mergedIntoId
    identities {
      id
      kind
      value
    }
    createdAt
    version
  }
`);

export const TicketMessageFields = graphql(`
  fragment TicketMessageFields on TicketMessage {
    id
    ticketId
    kind
    channel
    text
    createdAt
    author {
      id
      kind
    }
    attachments {
      name
      contentType
      size
      url
    }
  }
`);

export const TicketViewsQuery = graphql(`
  query WorkspaceTicketViews {
    ticketViews {
      id
      name
      count
      shared
      position
      sort
      direction
      filter {
        statuses
        priorities
        assignedToMe
        unassigned
        tags
      }
    }
  }
`);

export const CreateTicketViewMutation = graphql(`
  mutation WorkspaceCreateTicketView($input: TicketViewInput!) {
    createTicketView(input: $input) {
      id
    }
  }
`);

export const UpdateTicketViewMutation = graphql(`
  mutation WorkspaceUpdateTicketView($id: ID!, $input: TicketViewInput!) {
    updateTicketView(id: $id, input: $input) {
      id
    }
  }
`);

export const DeleteTicketViewMutation = graphql(`
  mutation WorkspaceDeleteTicketView($id: ID!) {
    deleteTicketView(id: $id)
  }
`);

export const TicketCountQuery = graphql(`
  query WorkspaceTicketCount($where: TicketFilter!) {
    tickets(where: $where, first: 100) {
      items {
        id
      }
      hasNextPage
    }
  }
`);

export const TicketsQuery = graphql(`
  query WorkspaceTickets(
    $viewId: ID
    $where: TicketFilter
    $after: String
    $first: Int
    $sort: TicketSortField
    $direction: TicketSortDirection
  ) {
    tickets(
      viewId: $viewId
      where: $where
      after: $after
      first: $first
      sort: $sort
      direction: $direction
    ) {
      items {
        ...TicketFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const TicketQuery = graphql(`
  query WorkspaceTicket($id: ID!) {
    ticket(id: $id) {
      ...TicketFields
    }
  }
`);

export const TicketByNumberQuery = graphql(`
  query WorkspaceTicketByNumber($number: Int!) {
    ticketByNumber(number: $number) {
      id
      number
      subject
      status
      version
      customerId
    }
  }
`);

export const TicketMessagesQuery = graphql(`
  query WorkspaceTicketMessages($ticketId: ID!, $after: String) {
    ticketMessages(ticketId: $ticketId, after: $after, first: 40) {
      items {
        ...TicketMessageFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const TicketCustomFieldsQuery = graphql(`
  query WorkspaceTicketCustomFields {
    ticketCustomFields {
      id
      key
      type
      labelEn
      labelZh
      requiredOnSolve
      position
      options {
        value
        labelEn
        labelZh
      }
    }
  }
`);

export const CustomerQuery = graphql(`
  query WorkspaceCustomer($id: ID!) {
    customer(id: $id) {
      ...CustomerFields
    }
  }
`);

export const CustomersQuery = graphql(`
  query WorkspaceCustomers($search: String) {
    customers(search: $search, first: 20) {
      items {
        id
        displayName
        email
        mobile
        externalId
      }
    }
  }
`);

export const CustomerSettingsQuery = graphql(`
  query WorkspaceCustomerSettings {
    customerSettings {
      agentRevealFields
    }
  }
`);

export const UsersQuery = graphql(`
  query WorkspaceUsers {
    users(page: 1, pageSize: 100) {
      items {
        id
        name
        email
        role
        status
      }
    }
  }
`);

export const UpdateTicketMutation = graphql(`
  mutation WorkspaceUpdateTicket($id: ID!, $version: Int!, $patch: TicketPatch!) {
    updateTicket(id: $id, version: $version, patch: $patch) {
      ...TicketFields
    }
  }
`);

export const BulkUpdateTicketsMutation = graphql(`
  mutation WorkspaceBulkUpdateTickets($input: BulkUpdateTicketsInput!) {
    bulkUpdateTickets(input: $input) {
      succeeded
      failed
      results {
        ticketId
        ok
        code
      }
    }
  }
`);

export const ReplyToTicketMutation = graphql(`
  mutation WorkspaceReplyToTicket($ticketId: ID!, $input: ReplyInput!) {
    replyToTicket(ticketId: $ticketId, input: $input) {
      message {
        ...TicketMessageFields
      }
      ticket {
        ...TicketFields
      }
    }
  }
`);

export const AddTicketNoteMutation = graphql(`
  mutation WorkspaceAddTicketNote($ticketId: ID!, $input: NoteInput!) {
    addTicketNote(ticketId: $ticketId, input: $input) {
      message {
        ...TicketMessageFields
      }
      ticket {
        ...TicketFields
      }
    }
  }
`);

export const MergeTicketsMutation = graphql(`
  mutation WorkspaceMergeTickets($sourceId: ID!, $sourceVersion: Int!, $targetId: ID!, $targetVersion: Int!) {
    mergeTickets(
      sourceId: $sourceId
      sourceVersion: $sourceVersion
      targetId: $targetId
      targetVersion: $targetVersion
    ) {
      id
      number
    }
  }
`);

export const LinkTicketsMutation = graphql(`
  mutation WorkspaceLinkTickets($ticketId: ID!, $linkedTicketId: ID!) {
    linkTickets(ticketId: $ticketId, linkedTicketId: $linkedTicketId) {
      ...TicketFields
    }
  }
`);

export const UnlinkTicketsMutation = graphql(`
  mutation WorkspaceUnlinkTickets($ticketId: ID!, $linkedTicketId: ID!) {
    unlinkTickets(ticketId: $ticketId, linkedTicketId: $linkedTicketId) {
      ...TicketFields
    }
  }
`);

export const CreateTicketMutation = graphql(`
  mutation WorkspaceCreateTicket($input: CreateTicketInput!, $idempotencyKey: String) {
    createTicket(input: $input, idempotencyKey: $idempotencyKey) {
      id
      number
    }
  }
`);

export const RevealCustomerFieldMutation = graphql(`
  mutation WorkspaceRevealCustomerField($id: ID!, $field: CustomerPiiField!, $identityId: ID) {
    revealCustomerField(id: $id, field: $field, identityId: $identityId) {
      field
      value
    }
  }
`);

export const TenantEventsSubscription = graphql(`
  subscription WorkspaceTenantEvents($ticketId: ID, $types: [String!]) {
    tenantEvents(ticketId: $ticketId, types: $types) {
      id
      type
      occurredAt
      data
    }
  }
`);

export const AnnouncePresenceMutation = graphql(`
  mutation WorkspaceAnnouncePresence($ticketId: ID!, $activity: TicketActivity!) {
    announceTicketPresence(ticketId: $ticketId, activity: $activity) {
      userId
      name
      activity
      since
    }
  }
`);

export const LeavePresenceMutation = graphql(`
  mutation WorkspaceLeavePresence($ticketId: ID!) {
    leaveTicketPresence(ticketId: $ticketId)
  }
`);

export const PresenceSubscription = graphql(`
  subscription WorkspaceTicketPresence($ticketId: ID!) {
    ticketPresence(ticketId: $ticketId) {
      userId
      name
      activity
      since
    }
  }
`);
