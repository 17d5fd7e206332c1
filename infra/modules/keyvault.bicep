// Key Vault (RBAC authorization) holding the bot's client secret and the storage connection string.
// The web app reads both through Key Vault references, resolved with its user-assigned identity.

@description('Azure region.')
param location string

@description('Globally unique Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Entra tenant of the vault.')
param tenantId string

@description('Turn on purge protection (recommended for production; once on, it cannot be turned off).')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Client secret of the bot\'s Entra app registration.')
@secure()
param botAppPassword string

@description('Name of the storage account whose connection string is stored.')
param storageAccountName string

@description('Resource id of the web app\'s managed identity (names the role assignment).')
param appIdentityId string

@description('Principal id of the web app\'s managed identity.')
param appPrincipalId string

@description('Tags for every resource.')
param tags object

// Built-in role "Key Vault Secrets User".
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Key Vault accepts only true or an absent value here, never false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource botPassword 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
    contentType: 'Entra app client secret (MicrosoftAppPassword)'
  }
}

resource storageConnection 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'storage-connection-string'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'Azure Storage connection string (Storage__ConnectionString)'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless secret URIs: the app picks up a rotated secret without a redeployment.
output botCredentialUri string = botPassword.properties.secretUri
output storageConnectionUri string = storageConnection.properties.secretUri
