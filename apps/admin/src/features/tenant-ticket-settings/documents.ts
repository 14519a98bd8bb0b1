import { graphql } from '../../api/generated';

export const TicketAdminFieldFields = graphql(`
  fragment TicketAdminFieldFields on CustomFieldDefinition {
    id
    key
    type
    labelEn
    labelZh
    options {
      value
      labelEn
      labelZh
    }
    requiredOnSolve
    position
    createdAt
  }
`);

export const TicketAdminCustomFieldsQuery = graphql(`
  query TicketAdminCustomFields {
    ticketCustomFields {
      ...TicketAdminFieldFields
    }
  }
`);

export const CreateCustomFieldMutation = graphql(`
  mutation TicketAdminCreateField($input: CreateCustomFieldInput!) {
    createCustomField(input: $input) {
      ...TicketAdminFieldFields
    }
  }
`);

export const UpdateCustomFieldMutation = graphql(`
  mutation TicketAdminUpdateField($id: ID!, $input: UpdateCustomFieldInput!) {
    updateCustomField(id: $id, input: $input) {
      ...TicketAdminFieldFields
    }
  }
`);

export const DeleteCustomFieldMutation = graphql(`
  mutation TicketAdminDeleteField($id: ID!) {
    deleteCustomField(id: $id)
  }
`);

export const TicketSettingsQuery = graphql(`
  query TicketAdminTicketSettings {
    ticketSettings {
      reopenWindowDays
      csatEnabled
    }
  }
`);

export const UpdateTicketSettingsMutation = graphql(`
  mutation TicketAdminUpdateTicketSettings($input: TicketSettingsInput!) {
    updateTicketSettings(input: $input) {
      reopenWindowDays
      csatEnabled
    }
  }
`);

export const CustomerSettingsQuery = graphql(`
  query TicketAdminCustomerSettings {
    customerSettings {
      agentRevealFields
    }
  }
`);

export const UpdateCustomerSettingsMutation = graphql(`
  mutation TicketAdminUpdateCustomerSettings($agentRevealFields: [CustomerPiiField!]!) {
    updateCustomerSettings(agentRevealFields: $agentRevealFields) {
      agentRevealFields
    }
  }
`);
