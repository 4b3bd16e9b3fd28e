package evaluator

// Condition keys that AWS derives from the caller. The evaluator adds them
// to a request's context when the caller did not set them and some policy
// refers to them, so a policy can test aws:PrincipalArn or use
// ${aws:username} without every caller filling them in.
const (
	keyPrincipalArn = iota
	keyPrincipalAccount
	keyPrincipalType
	keyUsername
	keyUserID
	keyPrincipalIsAWSService
	keyPrincipalServiceName
	derivedKeyCount
)

// derivedKeyNames are the derived keys in folded (lower-case) form.
var derivedKeyNames = [derivedKeyCount]string{
	keyPrincipalArn:          "aws:principalarn",
	keyPrincipalAccount:      "aws:principalaccount",
	keyPrincipalType:         "aws:principaltype",
	keyUsername:              "aws:username",
	keyUserID:                "aws:userid",
	keyPrincipalIsAWSService: "aws:principalisawsservice",
	keyPrincipalServiceName:  "aws:principalservicename",
}

// deriveKeys computes the values of the derived keys for p, once, so that
// adding them to a request's context copies no strings. A key that AWS
// sets from data the principal ARN does not contain, such as the unique ID
// of an IAM user in aws:userid, is left absent.
func (p *Principal) deriveKeys() {
	set := func(key int, value string) { p.keys[key] = []string{value} }
	switch p.typ {
	case PrincipalUser:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "User")
		set(keyUsername, p.name)
	case PrincipalRole, PrincipalRoleSession:
		set(keyPrincipalArn, p.issuer)
		set(keyPrincipalType, "AssumedRole")
	case PrincipalFederatedUser:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "FederatedUser")
		set(keyUserID, p.account+":"+p.name)
	case PrincipalRoot:
		set(keyPrincipalArn, p.text)
		set(keyPrincipalType, "Account")
		set(keyUserID, p.account)
	case PrincipalService:
		set(keyPrincipalIsAWSService, "true")
		set(keyPrincipalServiceName, p.name)
		return
	case PrincipalAnonymous:
		set(keyPrincipalAccount, anonymousText)
		set(keyPrincipalType, "Anonymous")
		set(keyUserID, anonymousText)
		return
	}
	set(keyPrincipalAccount, p.account)
	set(keyPrincipalIsAWSService, "false")
}
