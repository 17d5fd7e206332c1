// MentorBot on Azure: a Linux web app (.NET 10) behind an Azure Bot with the Teams channel, state in
// Table Storage, secrets in Key Vault, telemetry in Application Insights. Deploy into a resource group:
//   az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Azure region for the regional resources (the bot registration itself is global).')
param location string = resourceGroup().location

@description('Short name used to derive resource names: lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(16)
param baseName string = 'mentorbot'

@description('Application (client) id of the bot\'s single-tenant Entra app registration: the bot\'s Microsoft App ID.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Tenant id of that app registration. Defaults to the tenant of this deployment.')
param botTenantId string = tenant().tenantId

@description('Client secret of the bot\'s app registration. Stored in Key Vault only.')
@secure()
param botAppPassword string

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Bot display name in the Azure portal.')
param botDisplayName string = 'MentorBot'

@description('App Service plan SKU (Linux). B1 is the smallest with "always on"; P0v3 or P1v3 for production.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'B1'

@description('Web app instances.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Prefix of MentorBot\'s table names (letters and digits), so several installs can share an account.')
@minLength(1)
@maxLength(20)
param storageTablePrefix string = 'mentorbot'

@description('The Entra tenant whose Teams users the bot answers (Teams__AllowedTenantIds__0).')
param allowedTenantId string = botTenantId

@description('The bot\'s public https address for report and "my data" downloads, e.g. https://<web app host>/ (the webAppHostName output) or a custom domain. Empty switches downloads off. Register <address>downloads/signin-oidc as a web redirect URI of the app, with ID tokens enabled.')
param publicBaseUrl string = ''

@description('Microsoft Graph endpoint (v1.0).')
param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('Key Vault purge protection. Recommended; once on it cannot be turned off, and the vault name stays reserved for the retention period after deletion.')
param keyVaultPurgeProtection bool = true

@description('Days deleted Key Vault secrets stay recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Days to keep logs in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Tags applied to every resource.')
param tags object = {
  application: 'MentorBot'
}

// A stable suffix makes the globally unique names (web app, bot, storage, vault) unique per resource group.
var suffix = uniqueString(subscription().id, resourceGroup().id, baseName)
var compactName = toLower(replace(baseName, '-', ''))
var names = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  plan: 'asp-${baseName}'
  webApp: '${baseName}-${take(suffix, 6)}'
  bot: 'bot-${baseName}-${take(suffix, 6)}'
  storage: take('st${compactName}${suffix}', 24)
  keyVault: take('kv-${baseName}-${suffix}', 24)
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSku
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  // The vault stores the storage account's connection string, so the account must exist first.
  dependsOn: [
    storage
  ]
  params: {
    location: location
    name: names.keyVault
    tenantId: tenant().tenantId
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    botAppPassword: botAppPassword
    storageAccountName: names.storage
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module webApp 'modules/webapp.bicep' = {
  name: 'webApp'
  params: {
    location: location
    planName: names.plan
    name: names.webApp
    skuName: appServicePlanSku
    instanceCount: instanceCount
    identityId: identity.id
    identityClientId: identity.properties.clientId
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
    // The bot's configuration keys; "__" is ASP.NET Core's separator for nested keys.
    appSettings: {
      ASPNETCORE_ENVIRONMENT: 'Production'
      MicrosoftAppId: botAppId
      MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.botCredentialUri})'
      MicrosoftAppTenantId: botTenantId
      MicrosoftAppType: 'SingleTenant'
      Storage__ConnectionString: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.storageConnectionUri})'
      Storage__TablePrefix: storageTablePrefix
      Teams__AllowedTenantIds__0: allowedTenantId
      Graph__BaseUrl: graphBaseUrl
      // Teams__RequestsPerSecond is left at its default (45 per tenant for all instances together): the instances
      // count each other through Table Storage and each paces a tenant at its share, so instanceCount is capacity only.
      // Empty switches downloads off.
      Reports__PublicBaseUrl: publicBaseUrl
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
    }
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: botDisplayName
    skuName: botSku
    appId: botAppId
    tenantId: botTenantId
    endpoint: 'https://${webApp.outputs.hostName}/api/messages'
    tags: tags
  }
}

@description('Host name of the web app; pass it to tools/manifest/build-package.mjs --domain.')
output webAppHostName string = webApp.outputs.hostName

@description('The bot\'s messaging endpoint.')
output messagingEndpoint string = 'https://${webApp.outputs.hostName}/api/messages'

@description('Name of the Azure Bot resource.')
output botName string = bot.outputs.name

@description('Name of the Key Vault that holds the bot secret and the storage connection string.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the web app (for az webapp deploy).')
output webAppName string = webApp.outputs.name

@description('Name of the storage account that holds MentorBot\'s tables.')
output storageAccountName string = storage.outputs.name

@description('Client id of the web app\'s managed identity.')
output managedIdentityClientId string = identity.properties.clientId
