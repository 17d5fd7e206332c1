// Linux App Service plan and the web app that runs MentorBot (.NET 10).

@description('Azure region.')
param location string

@description('Name of the App Service plan.')
param planName string

@description('Globally unique web app name; the host becomes <name>.azurewebsites.net.')
param name string

@description('App Service plan SKU. "Always on" needs Basic (B1) or higher.')
param skuName string

@description('Number of instances. MentorBot keeps its state in Table Storage, so more than one is safe.')
@minValue(1)
@maxValue(10)
param instanceCount int

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (lets Azure.Identity pick it).')
param identityClientId string

@description('App settings (name/value pairs) the app reads as configuration.')
param appSettings object

@description('Log Analytics workspace that receives the app\'s platform logs.')
param workspaceId string

@description('Tags for every resource.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/health/ready'
      appSettings: [
        for setting in items(union(appSettings, { AZURE_CLIENT_ID: identityClientId })): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

// Deployments use Entra ID (az webapp deploy), not FTP or basic-auth publishing credentials.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// The only non-preview version (2016-09-01) predates category groups and workspace destinations.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
