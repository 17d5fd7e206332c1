// The Azure Bot registration (single-tenant Entra app) and its Microsoft Teams channel.

@description('Globally unique bot resource name.')
param name string

@description('Display name shown in the Azure portal.')
param displayName string

@description('F0 (free: 10,000 premium-channel messages a month; Teams messages are standard and unlimited) or S1.')
@allowed([
  'F0'
  'S1'
])
param skuName string

@description('Application (client) id of the bot\'s Entra app registration.')
param appId string

@description('Tenant of that app registration.')
param tenantId string

@description('HTTPS messaging endpoint, https://<host>/api/messages.')
param endpoint string

@description('Tags for every resource.')
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: skuName
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppType: 'SingleTenant'
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

output name string = bot.name
