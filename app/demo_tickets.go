package app

import "github.com/tierdesk/tierdesk/helpdesk"

// The demo's people. Names are usernames, as a helpdesk back end knows them.
const demoMe = "alex"

var (
	demoRequesters = []string{
		"maria.garcia", "tom.becker", "aisha.khan", "li.wei", "olga.petrova", "james.obrien",
		"sofia.rossi", "david.cohen", "fatima.hassan", "lukas.meier", "emma.walsh", "kenji.tanaka",
	}
	// demoL1 is weighted so the demo user owns a good share of L1 work.
	demoL1 = []string{demoMe, demoMe, demoMe, "sam", "sam", "jordan"}
	// demoL2 are the specialists, by the queue they look after.
	demoL2 = map[string][]string{
		"Service Desk":      {"priya", "marco", "hannah"},
		"Network":           {"priya"},
		"Identity & Access": {"marco"},
		"Endpoint":          {"hannah"},
		"Applications":      {"hannah", "marco"},
	}
	demoL3 = []string{"dmitri", "grace"}
)

// scenario is one kind of IT problem the demo generates tickets from. Text
// fields are alternatives picked at random; {placeholders} are filled per
// ticket so one ticket tells a consistent story. Empty optional fields fall
// back to the generic lines below.
type scenario struct {
	queue    string
	weight   int
	priority helpdesk.Priority
	escalate int  // percent of worked tickets that reach L2
	deep     int  // percent of those that go on to L3
	request  bool // a service request, not a fault: no generic troubleshooting questions

	subjects []string
	report   []string // the requester's first message
	ask      []string // optional: L1's first public question
	answer   []string // optional: the requester's answer
	check    []string // L1's internal findings
	handoff  []string // L1 → L2 hand-off
	l2       []string // optional: L2's internal findings
	handoff3 []string // optional: L2 → L3 hand-off
	l3       []string // optional: L3's internal findings
	wait     []string // optional: why the ticket is stalled
	fix      []string // the resolution, to the requester
}

// demoScenarios: each tells one story, in several phrasings, so any mix of
// its alternatives reads as one ticket.
var demoScenarios = []scenario{
	// Network
	{
		queue: "Network", weight: 7, priority: helpdesk.PriorityNormal, escalate: 40, deep: 30,
		subjects: []string{
			"VPN drops every hour",
			"VPN disconnects every {n} minutes when working from home",
			"GlobalProtect VPN keeps disconnecting",
		},
		report: []string{
			"Hi,\n\nsince yesterday my VPN connection drops roughly every hour, right in the middle of calls. GlobalProtect shows \"Disconnected\" and reconnects after a minute or two. I'm working from home on my usual Wi-Fi.\n\nThanks,\n{first}",
			"My VPN keeps disconnecting, it feels like every {n} minutes or so. I have to sign in again each time, which kills my Teams meetings. The rest of my home internet keeps working when it happens.",
		},
		ask: []string{
			"Hi {first}, thanks for the details. Could you open GlobalProtect → Settings → Troubleshooting and tell me which gateway you're connected to? And are you on Wi-Fi or a cable when it drops?",
			"Hi {first}, could you note the exact time of the next two drops and send me the GlobalProtect logs (Settings → Troubleshooting → Collect Logs)?",
		},
		answer: []string{
			"Gateway says vpn-eu-west. I'm on Wi-Fi, the router is in the next room. I tried a cable this morning and it dropped again at 10:02.",
			"It dropped at 09:14 and 10:14. Happens on my home Wi-Fi and on my phone hotspot. Logs attached.",
		},
		check: []string{
			"GlobalProtect log shows the tunnel torn down at a fixed interval: \"IKE SA lifetime expired, rekey failed\". Client was on {gpver}; updated to 6.2.3, no change.",
			"Gateway dashboard: the user's sessions end with reason ‵auth-cookie-expired‵ at a fixed interval. Client side clean (reinstalled, new profile, tested on cable).",
		},
		handoff: []string{
			"VPN session drops at a fixed interval; gateway log reason ‵auth-cookie-expired‵. Client reinstalled and updated to 6.2.3, same on cable and hotspot, so it's not the home network. Please check the session lifetime for this user's group.",
			"Regular VPN drops, reproducible. Client side clean (reinstalled, new profile, wired). The rekey failure in the logs points at the gateway; needs someone with firewall access.",
		},
		l2: []string{
			"User is in VPN-Contractors by mistake, which has a 1 h cookie lifetime. Checking with Identity & Access before moving them.",
			"Rekey fails only on vpn-eu-west; the other gateways are fine. Comparing IKE crypto profiles.",
		},
		handoff3: []string{
			"Rekey failure is on the gateway: the vpn-eu-west IKE crypto profile differs from the others since last week's change. Needs a firewall engineer to compare and roll back in a change window.",
		},
		l3: []string{
			"Confirmed: the IKE crypto profile on vpn-eu-west was changed in CHG-{case} (DH group 14 → 20) but the client profile wasn't. Rolled back in tonight's window.",
		},
		wait: []string{
			"Hi {first}, the fix for the VPN gateway is scheduled for the maintenance window on Thursday 22:00. Until then, reconnecting after a drop is the workaround. I'm setting this to stalled and will update you on Friday.",
		},
		fix: []string{
			"Hi {first}, we found the cause of the drops: a session limit on the VPN side. It's corrected; please disconnect and reconnect once and let us know if it drops again.",
		},
	},
	{
		queue: "Network", weight: 3, priority: helpdesk.PriorityNormal, escalate: 45, deep: 20,
		subjects: []string{
			"VPN connected but {host} unreachable",
			"Internal sites don't load over VPN",
		},
		report: []string{
			"VPN says Connected but {host} doesn't load and Outlook goes to Disconnected. Public websites work. Disconnecting and reconnecting helps for a while.",
		},
		check: []string{
			"‵ipconfig /all‵: the VPN adapter has no DNS suffix and uses the home router for DNS. ‵nslookup {host}‵ fails, works with ‵nslookup {host} 10.10.0.10‵.",
		},
		handoff: []string{
			"Over VPN the client gets no internal DNS servers (home router used instead), so {host} doesn't resolve. Reinstalled the client, same. Looks like the gateway's client config.",
		},
		l2: []string{
			"The user connects to the new vpn-us-east gateway whose client DNS settings were never filled in. Added the resolvers and the suffix list.",
		},
		fix: []string{
			"Hi {first}, the VPN wasn't giving your laptop the company's DNS servers, so internal sites couldn't be found. Fixed on our side; reconnect once and {host} will load.",
		},
	},
	{
		queue: "Network", weight: 3, priority: helpdesk.PriorityNormal, escalate: 50, deep: 10,
		subjects: []string{
			"Wi-Fi drops in the {floor} floor meeting rooms",
			"Video calls freeze in {floor} floor meeting rooms",
		},
		report: []string{
			"The Wi-Fi in the meeting rooms on the {floor} floor drops every few minutes. Video calls freeze and then reconnect. My desk on the same floor is fine.",
		},
		check: []string{
			"Controller: clients in those rooms roam between AP-{floorn}-03 and AP-{floorn}-04 every couple of minutes at around −78 dBm. Three different laptops, same.",
		},
		handoff: []string{
			"Wi-Fi drops in {floor} floor rooms: clients flap between two APs at −78 dBm. Not a client problem (three laptops). Needs a look at AP power and channel plan.",
		},
		l2: []string{
			"AP-{floorn}-04 was running at 25% transmit power after a firmware reset. Set back to auto and re-ran RRM.",
		},
		fix: []string{
			"Hi {first}, one of the access points near those rooms had reset to a low power setting after an update. It's fixed; calls should stay connected now.",
		},
	},
	{
		queue: "Network", weight: 3, priority: helpdesk.PriorityNormal, escalate: 35, deep: 0,
		subjects: []string{
			"Can't join {ssid} on my new laptop",
			"New laptop asks for Wi-Fi password",
		},
		report: []string{
			"My new laptop sees {ssid} but says \"Can't connect to this network\" or asks for a username and password. My old laptop still connects fine from the same desk.",
		},
		check: []string{
			"Laptop has no machine certificate for 802.1X (certlm.msc → Personal is empty). Ran ‵gpupdate /force‵ on a cable and triggered enrolment; still empty.",
		},
		handoff: []string{
			"Laptop can't get an 802.1X machine cert; enrolment fails with \"The RPC server is unavailable\". Client is domain-joined, time correct. Please check the CA / autoenrolment side.",
		},
		l2: []string{
			"The laptop certificate template was not published on the new issuing CA. Published it; enrolment works on a test machine.",
		},
		fix: []string{
			"Hi {first}, your laptop was missing the certificate it needs for {ssid}. It has one now — restart it once in the office and it will connect by itself. Don't type your password into the Wi-Fi prompt.",
		},
	},
	{
		queue: "Network", weight: 2, priority: helpdesk.PriorityHigh, escalate: 60, deep: 30,
		subjects: []string{
			"{host} not resolving from {site}",
			"Can reach {host} by IP but not by name",
		},
		report: []string{
			"Since this morning {host} doesn't open from the {site} office: \"This site can't be reached — DNS_PROBE_FINISHED_NXDOMAIN\". It works from home over VPN.",
		},
		check: []string{
			"‵nslookup {host}‵ from a {site} machine times out against 10.40.0.10 and works against 10.10.0.10. Whole office affected; workaround is the VPN.",
		},
		handoff: []string{
			"{site} resolver 10.40.0.10 not answering for corp zones since ~08:00; other resolvers fine. Please check the {site} DNS server.",
		},
		l2: []string{
			"The conditional forwarder for corp.example on the {site} DNS server points at a decommissioned domain controller.",
		},
		handoff3: []string{
			"Forwarder fixed by hand, but the DNS config is pushed from the automation repo and will revert tonight. Needs the infra engineer to fix the template.",
		},
		l3: []string{
			"Removed the old DC from the forwarder list in the DNS role's inventory and redeployed all site resolvers; added a synthetic check per site.",
		},
		fix: []string{
			"Hi {first}, the {site} DNS server was forwarding some names to a server that no longer exists. That's corrected and {host} opens again from the office.",
		},
	},
	{
		queue: "Network", weight: 2, priority: helpdesk.PriorityNormal, escalate: 55, deep: 45,
		subjects: []string{
			"File copies to the {share} share crawl at 1 MB/s",
			"Saving to \\\\fs02\\{share} takes minutes",
		},
		report: []string{
			"Copying anything to \\\\fs02\\{share} takes forever, about 1 MB/s. It used to be instant. Other shares seem fine.",
		},
		check: []string{
			"‵robocopy‵ test from two machines: 1.1 MB/s to fs02, 90 MB/s to fs01. Same switch. Not the clients.",
		},
		handoff: []string{
			"Writes to fs02 slow from every client (1 MB/s vs 90 MB/s to fs01). Looks server- or storage-side.",
		},
		l2: []string{
			"fs02 CPU pegged by SMB encryption since the storage firmware update; fs01 (not updated) fine.",
		},
		handoff3: []string{
			"fs02 write throughput collapses under SMB3 encryption since the storage firmware update; reproducible on a test share. Needs the storage engineer and probably a vendor case.",
		},
		l3: []string{
			"Storage controller firmware {ver} disables AES-NI offload on this model; vendor confirms (case {case}). Upgraded to the fixed release in tonight's window.",
		},
		fix: []string{
			"Hi {first}, the slowness came from a storage update on the file server. It's fixed; copies to {share} are back to normal speed.",
		},
	},
	{
		queue: "Network", weight: 3, priority: helpdesk.PriorityUrgent, escalate: 70, deep: 40,
		subjects: []string{
			"Certificate expired on {host}",
			"{host} shows a certificate warning",
		},
		report: []string{
			"{host} shows \"Your connection is not private — NET::ERR_CERT_DATE_INVALID\" for everyone in our team. Is it safe to click through?",
		},
		check: []string{
			"Cert on {host} expired at 00:00 UTC today (checked with ‵openssl s_client -connect {host}:443‵). Told users not to click through.",
		},
		handoff: []string{
			"TLS certificate for {host} expired today; many users affected. Needs renewal on the load balancer.",
		},
		l2: []string{
			"Auto-renewal failed: the ACME DNS challenge record couldn't be written after the DNS provider API key rotation. Renewed {host} by hand.",
		},
		handoff3: []string{
			"ACME renewals failing for all certs on that load balancer since the DNS API key rotation; six more expire within ten days. Needs the platform engineer to fix the renewal pipeline.",
		},
		l3: []string{
			"Updated the DNS API credentials where the renewer reads them, renewed every cert due within 30 days, added an expiry check to monitoring.",
		},
		fix: []string{
			"Hi {first}, the certificate is renewed and the warning is gone. Thanks for not clicking through!",
		},
	},

	// Identity & Access
	{
		queue: "Identity & Access", weight: 8, priority: helpdesk.PriorityHigh, escalate: 15, deep: 10,
		subjects: []string{
			"MFA token lost",
			"Lost my phone, no MFA prompts",
			"New phone — Authenticator codes no longer work",
		},
		report: []string{
			"I lost my phone yesterday and now I can't sign in to anything because I don't get the MFA prompts. I'm at my desk in the {site} office.",
			"I got a new phone and wiped the old one, and now Microsoft Authenticator has no accounts and I can't sign in.",
		},
		ask: []string{
			"Hi {first}, I can help. For security I need to verify you first: please call the service desk on ext. 4400 from your desk phone, or come by the IT bar with your badge.",
		},
		answer: []string{
			"Called you just now, thanks.",
			"I'm at the IT bar now.",
		},
		check: []string{
			"Identity verified by callback to desk phone. Revoked old MFA methods, issued a Temporary Access Pass valid 8 h.",
		},
		handoff: []string{
			"User verified, old methods revoked, but TAP sign-in fails with AADSTS50012 for this account only. Something's off with the account's auth policy; needs IAM.",
		},
		l2: []string{
			"Account was excluded from the TAP policy by an old group (MFA-Exclusions-Legacy). Removed; TAP works.",
		},
		fix: []string{
			"Hi {first}, your old sign-in methods are removed and the new phone is set up. Next time you change phones, turn on Authenticator's backup first — see the KB article \"Set up or replace your MFA token\".",
		},
	},
	{
		queue: "Identity & Access", weight: 2, priority: helpdesk.PriorityHigh, escalate: 10, deep: 0,
		subjects: []string{
			"Lost my YubiKey",
			"Security key left on the train",
		},
		report: []string{
			"I think I left my YubiKey on the train. I can't get into my laptop or email.",
		},
		check: []string{
			"Verified in person with badge. Old key (serial {case}) disabled in the IdP; issued a loaner key from stock and registered it with the user.",
		},
		handoff: []string{
			"Loaner key registers fine but Windows Hello for Business still expects the old key at the lock screen. Needs IAM to reset the WHfB container.",
		},
		fix: []string{
			"Hi {first}, you're set up with a new key. The lost one is disabled, so nobody can use it if it turns up. If you find it, bring it back to the IT bar.",
		},
	},
	{
		queue: "Identity & Access", weight: 5, priority: helpdesk.PriorityNormal, escalate: 40, deep: 0,
		subjects: []string{
			"SSO loop on the {portal}",
			"Redirect loop signing in to the {portal}",
		},
		report: []string{
			"When I open the {portal} it goes to the sign-in page, then back to the portal, then sign-in again, forever. Tried Chrome and Edge.",
		},
		ask: []string{
			"Hi {first}, could you try an InPrivate/Incognito window? If that works, clearing cookies for login.corp.example usually fixes it.",
		},
		answer: []string{
			"Incognito works! Normal window still loops though.",
		},
		check: []string{
			"Cleared cookies for login.corp.example and the portal with the user; loop gone in Edge, still in Chrome where a stale session cookie for the old portal hostname survives.",
		},
		handoff: []string{
			"SSO loop on the {portal} persists in one browser after clearing cookies; the portal sets a cookie for its old hostname that conflicts. Affects more users per the portal's status page. Needs the app owner.",
		},
		l2: []string{
			"Portal team shortened the legacy cookie's path; loop no longer reproducible with the user's browser profile.",
		},
		fix: []string{
			"Hi {first}, clearing the portal's cookies fixed it. If the loop comes back, the KB article \"SSO login loop on web portals\" has the steps.",
		},
	},
	{
		queue: "Identity & Access", weight: 3, priority: helpdesk.PriorityNormal, escalate: 60, deep: 40,
		subjects: []string{
			"{portal} says \"Access denied\" after sign-in",
			"Can't get into the {portal} after my name change",
		},
		report: []string{
			"I can't get into the {portal}: after I sign in it says \"Access denied — you are not authorised\". It worked last month, before my surname changed.",
		},
		check: []string{
			"Sign-in logs: success at the IdP, then the app rejects the assertion — NameID is still the old email address after the user's name change.",
		},
		handoff: []string{
			"{portal} access denied; the IdP sign-in succeeds but the app rejects the assertion. NameID is the pre-name-change email. Needs the app's user mapping fixed.",
		},
		l2: []string{
			"The portal now has two profiles for the user (old and new email). The vendor admin console can't merge them.",
		},
		handoff3: []string{
			"Duplicate user profile in the {portal} caused by a NameID change; merging needs an API call with the tenant admin key. Please handle with the vendor.",
		},
		l3: []string{
			"Merged the profiles via the vendor's SCIM API (PATCH with the old externalId) and switched the app's NameID to the immutable object id, so name changes can't break it again.",
		},
		fix: []string{
			"Hi {first}, you can sign in again: the portal still had your old email address on file. We fixed it and changed the setup so it won't happen after future changes.",
		},
	},
	{
		queue: "Identity & Access", weight: 7, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0,
		subjects: []string{
			"Account locked out again",
			"Locked out after password change",
			"Keep getting locked out every half hour",
		},
		report: []string{
			"My account is locked again, third time this week. I haven't typed my password wrong as far as I know.",
			"I changed my password this morning and since then I keep getting locked out every half hour.",
		},
		check: []string{
			"Lockout source (event 4740) is the user's phone: the mail app still uses the old password over ActiveSync.",
			"Lockouts come from stored mapped-drive credentials in Credential Manager. Cleared them with the user.",
		},
		handoff: []string{
			"Lockouts continue after clearing the phone and stored credentials; 4740 events show source SRV-SCAN01, which the user never uses. Possibly a service running with their account. Needs AD review.",
		},
		l2: []string{
			"SRV-SCAN01 runs a scan-to-folder job configured with the user's credentials by a former colleague. Switched the job to its own service account.",
		},
		fix: []string{
			"Hi {first}, something was still trying your old password and locking you out. That's fixed and your account is unlocked. The KB article \"Reset your password and unlock your account\" lists where old passwords hide.",
		},
	},
	{
		queue: "Identity & Access", weight: 3, priority: helpdesk.PriorityNormal, escalate: 0, deep: 0,
		subjects: []string{
			"Password expired while on leave",
			"Back from leave, can't sign in",
		},
		report: []string{
			"I've been on parental leave and my password expired; I can't sign in to my laptop.",
		},
		check: []string{
			"Password expired 19 days ago; verified identity via manager callback. Reset with \"must change at next sign-in\" and gave the temporary password by phone.",
		},
		fix: []string{
			"Hi {first}, welcome back! Your password is reset. Sign in with the temporary password I gave you on the phone and you'll be asked to choose a new one (on a cable in the office, so the laptop can sync it).",
		},
	},
	{
		queue: "Identity & Access", weight: 3, priority: helpdesk.PriorityNormal, escalate: 30, deep: 0,
		subjects: []string{
			"Suspicious email asking for my password",
			"Is this email from IT genuine?",
		},
		report: []string{
			"I got an email \"Your mailbox will be deactivated today\" with a link to re-validate my password. Looks fake; attaching it as a file.",
		},
		check: []string{
			"Header analysis: sender domain registered two days ago, link goes to a credential-harvesting page. Blocked the URL at the proxy.",
		},
		handoff: []string{
			"Phishing campaign: 14 recipients of the same email in the last hour. URL blocked at the proxy; needs security to purge the messages tenant-wide.",
		},
		l2: []string{
			"Purged the campaign from all mailboxes (14 copies); nobody clicked according to the proxy logs.",
		},
		fix: []string{
			"Hi {first}, thanks for reporting it — it was phishing, and we've blocked the link and removed the email for everyone.",
		},
	},
	{
		queue: "Identity & Access", weight: 2, priority: helpdesk.PriorityUrgent, escalate: 75, deep: 20,
		subjects: []string{
			"Clicked a link in a phishing email",
			"Entered my password on a fake DocuSign page",
		},
		report: []string{
			"I clicked a link in an email that looked like a DocuSign and entered my password before I realised. Sorry!",
		},
		check: []string{
			"Password reset immediately, all sessions revoked, MFA methods checked (no new ones).",
		},
		handoff: []string{
			"User entered credentials on a phishing page ~20 min before reporting. Password reset and sessions revoked. Sign-in logs show one attempt from an unknown IP. Please check for mailbox rules and consent grants.",
		},
		l2: []string{
			"Found an inbox rule forwarding mail containing \"invoice\" to an external address, created 12 min after the phish. Removed it.",
		},
		handoff3: []string{
			"The attacker also registered an OAuth app with Mail.Read consent from the user's account. Needs incident response to review tenant-wide.",
		},
		l3: []string{
			"Revoked the consent grant and blocked the app tenant-wide; no other user consented. Closed the incident IR-{case}.",
		},
		fix: []string{
			"Hi {first}, thanks for reporting it so quickly — that made all the difference. Your password is reset and your account is clean. The KB article \"Report a phishing email\" has tips for next time.",
		},
	},

	// Service Desk
	{
		queue: "Service Desk", weight: 4, priority: helpdesk.PriorityLow, escalate: 5, deep: 0, request: true,
		subjects: []string{
			"Need access to the {share} share",
			"Access request: \\\\fs02\\{share}",
		},
		report: []string{
			"Hi, I've joined the {share} team and need read/write access to \\\\fs02\\{share}. My manager is happy to approve.",
		},
		check: []string{
			"Access request raised in the portal; approval from the data owner received.",
		},
		handoff: []string{
			"{share} share permissions are broken (inheritance disabled on the top folder); adding the group doesn't give access. Needs the file server team.",
		},
		wait: []string{
			"Hi {first}, I've asked the data owner to approve the access request. I'll set this to stalled until the approval comes in.",
		},
		fix: []string{
			"Hi {first}, access to \\\\fs02\\{share} is granted. Sign out and back in so it applies; the KB article \"Request access to the Finance share\" explains how the drive appears.",
		},
	},
	{
		queue: "Service Desk", weight: 3, priority: helpdesk.PriorityLow, escalate: 25, deep: 0, request: true,
		subjects: []string{
			"Request: add me to the {group} group",
			"Please add me to {group}",
		},
		report: []string{
			"Could you add me to {group}? I need it for the new project starting next week.",
		},
		check: []string{
			"{group} is a privileged group; waiting for the owner's approval.",
		},
		handoff: []string{
			"{group} membership is managed by IAM only. Owner approval attached.",
		},
		wait: []string{
			"Hi {first}, the group owner has to approve this. I've sent the request and set the ticket to stalled until they answer.",
		},
		fix: []string{
			"Hi {first}, you're in {group} now. Sign out and back in (or restart) so the new permissions apply.",
		},
	},
	{
		queue: "Service Desk", weight: 6, priority: helpdesk.PriorityLow, escalate: 8, deep: 0, request: true,
		subjects: []string{
			"Install request: {app}",
			"Please install {app}",
			"{app} missing from Software Center",
		},
		report: []string{
			"Hi, could you install {app} on my laptop? I need it for the quarterly report.",
			"I can't find {app} in Software Center; colleagues say it should be there.",
		},
		check: []string{
			"Deployment of {app} targets a device collection the laptop isn't in. Added it.",
		},
		handoff: []string{
			"{app} package fails to install (exit code 1603) on this laptop, works on a test VM. Logs attached. Needs packaging.",
		},
		fix: []string{
			"Hi {first}, {app} is now available in Software Center — click Install and it takes a few minutes. The KB has a short guide if it doesn't show up.",
		},
	},
	{
		queue: "Service Desk", weight: 3, priority: helpdesk.PriorityLow, escalate: 0, deep: 0, request: true,
		subjects: []string{
			"Need a licence for {app}",
			"{app} licence expired",
		},
		report: []string{
			"I need a {app} licence, my manager approved it (email attached).",
		},
		check: []string{
			"Approval attached; licence ordered through procurement, PO {case}.",
		},
		wait: []string{
			"Hi {first}, the licence for {app} is ordered; procurement usually takes 2–3 days. I'll set this to stalled and assign it to you as soon as it arrives.",
		},
		fix: []string{
			"Hi {first}, the {app} licence is assigned to you. Restart {app} once so it picks up the licence.",
		},
	},
	{
		queue: "Service Desk", weight: 3, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0, request: true,
		subjects: []string{
			"New starter on Monday: laptop and accounts",
			"Onboarding: new team member in {site}",
		},
		report: []string{
			"We have a new starter joining on Monday in the {site} office. They need a laptop, an account and access to the {share} share.",
		},
		check: []string{
			"HR record exists; account created, laptop {asset} imaged and assigned.",
		},
		handoff: []string{
			"New starter needs a non-standard laptop (GPU) for the data team; L1 can't approve the purchase.",
		},
		wait: []string{
			"Hi {first}, everything is prepared. I'll keep this ticket stalled until the start date and hand over the laptop on Monday at 9:00.",
		},
		fix: []string{
			"Hi {first}, all done: account, laptop ({asset}) and access are ready for Monday.",
		},
	},
	{
		queue: "Service Desk", weight: 2, priority: helpdesk.PriorityNormal, escalate: 0, deep: 0, request: true,
		subjects: []string{
			"Leaver: disable accounts and collect laptop",
			"Team member leaving on Friday",
		},
		report: []string{
			"A team member leaves on Friday. Please disable their accounts after 17:00 and collect the laptop.",
		},
		check: []string{
			"Scheduled disable for Friday 17:30; mailbox will convert to shared for the manager.",
		},
		wait: []string{
			"Hi {first}, the disable is scheduled for Friday 17:30; I'll keep this stalled until then.",
		},
		fix: []string{
			"Hi {first}, the accounts are disabled, the mailbox is shared with you, and the laptop is collected.",
		},
	},
	{
		queue: "Service Desk", weight: 3, priority: helpdesk.PriorityNormal, escalate: 15, deep: 0,
		subjects: []string{
			"Mapped drive {drive} disappeared",
			"My {drive} drive is gone",
		},
		report: []string{
			"My {drive} drive is gone since this morning. I need the files on it for a meeting.",
		},
		check: []string{
			"Drive mapping GPO is filtered by a group the user left during a team change. Mapped it by hand for now.",
		},
		handoff: []string{
			"Drive mapping keeps disappearing after re-adding the group; GPO result shows the mapping item skipped. Needs the GPO owner.",
		},
		fix: []string{
			"Hi {first}, your {drive} drive is back. You had been removed from a group during the team change; that's fixed.",
		},
	},
	{
		queue: "Service Desk", weight: 2, priority: helpdesk.PriorityNormal, escalate: 0, deep: 0,
		subjects: []string{
			"Excel file on {share} locked by another user",
			"File on \\\\fs02\\{share} says locked for editing",
		},
		report: []string{
			"An Excel file on the {share} share says it's locked for editing by me, but I don't have it open anywhere.",
		},
		check: []string{
			"Stale SMB handle from the user's old laptop session on fs02; closed the open file in Computer Management.",
		},
		fix: []string{
			"Hi {first}, the file was still held open by your old laptop. I released it; you can edit it now.",
		},
	},
	{
		queue: "Service Desk", weight: 3, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0,
		subjects: []string{
			"OneDrive not syncing",
			"OneDrive red cross, files not uploading",
		},
		report: []string{
			"OneDrive shows a red cross and hasn't synced since yesterday.",
		},
		check: []string{
			"A file path longer than 400 characters in the Projects folder blocks sync.",
		},
		handoff: []string{
			"OneDrive sync blocked by a tenant policy error (code 0x8004de40) after shortening paths; needs the M365 admin.",
		},
		fix: []string{
			"Hi {first}, one file with a very long path was blocking OneDrive. I shortened the folder names and sync is green again.",
		},
	},

	// Applications
	{
		queue: "Applications", weight: 6, priority: helpdesk.PriorityNormal, escalate: 15, deep: 0,
		subjects: []string{
			"Outlook stuck \"Working offline\"",
			"Outlook shows \"Disconnected\" after VPN reconnect",
			"No new mail in Outlook, webmail fine",
		},
		report: []string{
			"Outlook says \"Working offline\" at the bottom and no new mail arrives. Webmail works fine. I've restarted twice.",
			"Every time the VPN reconnects, Outlook goes to \"Disconnected\" and stays there until I restart it.",
		},
		ask: []string{
			"Hi {first}, on the Send / Receive tab, is \"Work Offline\" highlighted? If so, click it once to turn it off and tell me whether mail comes in.",
			"Hi {first}, can you hold Ctrl, right-click the Outlook icon in the system tray and choose \"Connection Status\"? A screenshot of that window would help.",
		},
		answer: []string{
			"It wasn't highlighted. I clicked it twice anyway, still offline.",
			"Screenshot attached — everything says \"Disconnected\".",
		},
		check: []string{
			"Profile OST is 49.8 GB, at the 50 GB limit; Outlook stops syncing. Old archive folders inside.",
		},
		handoff: []string{
			"Mailbox cache at the limit; online archive enabled, but the archive policy isn't processing this mailbox (last run 30 days ago). Needs the Exchange admin.",
		},
		l2: []string{
			"Mailbox was on hold, which blocks the archive policy. Hold reviewed with legal and scoped; archive ran.",
		},
		fix: []string{
			"Hi {first}, your mailbox cache had grown too big for Outlook. Old folders now move to your online archive and I rebuilt the cache; mail is flowing again.",
		},
	},
	{
		queue: "Applications", weight: 3, priority: helpdesk.PriorityNormal, escalate: 35, deep: 0,
		subjects: []string{
			"Outlook keeps asking for password",
			"Password prompt in Outlook every few minutes",
		},
		report: []string{
			"Outlook pops up a password prompt every few minutes. I type it and it comes back.",
		},
		check: []string{
			"Removed Outlook credentials from Credential Manager and signed in again — fine for 10 minutes, then prompts again.",
		},
		handoff: []string{
			"Outlook password prompts persist with a new profile and cleared credentials; sign-in logs show conditional access blocking the device as non-compliant. Needs a look at the device's compliance.",
		},
		l2: []string{
			"The laptop's compliance state was stale in Intune. Forced a sync; compliant again and prompts stopped.",
		},
		fix: []string{
			"Hi {first}, the password prompts came from a security check on your laptop that was out of date. It's refreshed and Outlook is quiet again.",
		},
	},
	{
		queue: "Applications", weight: 2, priority: helpdesk.PriorityHigh, escalate: 0, deep: 0,
		subjects: []string{
			"Emails stuck in Outbox",
			"Outlook won't send, mails stay in Outbox",
		},
		report: []string{
			"Three emails I sent this morning are still sitting in my Outbox.",
		},
		check: []string{
			"Fresh Outlook profile works. The old profile has a broken add-in (CRM connector) that blocks send. Disabled the add-in.",
		},
		fix: []string{
			"Hi {first}, an add-in was blocking Outlook from sending. I disabled it and your emails have gone out.",
		},
	},
	{
		queue: "Applications", weight: 3, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0,
		subjects: []string{
			"Mailbox full, can't send",
			"\"Your mailbox is full\" warning",
		},
		report: []string{
			"I'm getting \"Your mailbox is full\" and can't send anything. I already deleted a lot.",
		},
		check: []string{
			"Mailbox 49.9 of 50 GB, Recoverable Items 20 GB. Enabled the online archive with a two-year policy.",
		},
		handoff: []string{
			"Recoverable Items at its quota because of a litigation hold; L1 can't change holds.",
		},
		fix: []string{
			"Hi {first}, I've turned on your online archive; mail older than two years moves there automatically. You can send again.",
		},
	},
	{
		queue: "Applications", weight: 2, priority: helpdesk.PriorityLow, escalate: 0, deep: 0,
		subjects: []string{
			"Shared mailbox {mailbox} not showing in Outlook",
			"Can't see the {mailbox} mailbox",
		},
		report: []string{
			"I was given access to the {mailbox} mailbox last week but it doesn't appear in Outlook.",
		},
		check: []string{
			"Full access granted but automapping was off. Re-granted with automapping.",
		},
		fix: []string{
			"Hi {first}, the {mailbox} mailbox will appear in Outlook within an hour; restart Outlook if it doesn't.",
		},
	},
	{
		queue: "Applications", weight: 4, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0,
		subjects: []string{
			"Teams won't load, white screen",
			"Teams stuck on a blank window",
		},
		report: []string{
			"Teams opens to a white window and stays like that. Restarting the laptop doesn't help.",
		},
		check: []string{
			"Cleared the Teams cache (KB \"Clear the Teams cache\"); white screen gone on the first try, back after the next restart.",
		},
		handoff: []string{
			"Teams white screen returns after every restart even after cache clear and reinstall; WebView2 runtime is missing on this laptop and reinstall fails. Needs endpoint packaging.",
		},
		fix: []string{
			"Hi {first}, Teams works again — a component it needs was missing. If it happens again, the KB article \"Clear the Teams cache\" walks you through the first fix.",
		},
	},
	{
		queue: "Applications", weight: 3, priority: helpdesk.PriorityNormal, escalate: 45, deep: 0,
		subjects: []string{
			"Teams calls drop after a few minutes",
			"Teams calls disconnect when on VPN",
		},
		report: []string{
			"My Teams calls drop after 3–5 minutes; the others in the call stay connected.",
		},
		check: []string{
			"Call quality dashboard: the user's calls end with ‵MediaTimeout‵; media goes over the VPN tunnel instead of the split tunnel.",
		},
		handoff: []string{
			"Teams media is not split-tunnelled for this user; their VPN profile is older than the standard. Calls drop with MediaTimeout. Needs network/VPN.",
		},
		l2: []string{
			"User was pinned to an old portal config without the Teams media exclusions. Moved to the standard config.",
		},
		fix: []string{
			"Hi {first}, your calls now bypass the VPN as they should, so they won't drop any more.",
		},
	},
	{
		queue: "Applications", weight: 2, priority: helpdesk.PriorityHigh, escalate: 65, deep: 20,
		subjects: []string{
			"SAP GUI crashes when exporting to Excel",
			"SAP closes when I export a list",
		},
		report: []string{
			"SAP GUI closes without a message whenever I export a list to Excel. It worked until last week.",
		},
		check: []string{
			"Crash reproducible on two laptops with the new Office build; exporting to .csv works as a workaround.",
		},
		handoff: []string{
			"SAP GUI crash on Excel export after the Office update; reproducible, dump attached. Workaround: export to CSV. Needs app support.",
		},
		l2: []string{
			"SAP GUI patch level is too old for the new Office build; patch {ver} fixes the export. Packaging it.",
		},
		handoff3: []string{
			"Patch {ver} fixes the export but breaks two custom transactions used by Finance; needs the SAP basis engineer to check the custom code.",
		},
		l3: []string{
			"Custom transactions used a deprecated OLE call; adjusted and transported to production. Patch {ver} released to everyone.",
		},
		fix: []string{
			"Hi {first}, a SAP GUI update is in Software Center that fixes the export crash. Please install it; until then exporting to CSV works.",
		},
	},
	{
		queue: "Applications", weight: 2, priority: helpdesk.PriorityHigh, escalate: 65, deep: 50,
		subjects: []string{
			"{portal} very slow to load reports",
			"Reports in the {portal} time out",
		},
		report: []string{
			"The {portal} takes 2–3 minutes to load any report; colleagues say the same.",
		},
		check: []string{
			"Slow for several users at different sites; HAR file shows 90 s waiting on the report API.",
		},
		handoff: []string{
			"{portal} reports slow for everyone; HAR shows 90 s waiting on the report API. Needs the app team.",
		},
		l2: []string{
			"App servers idle while waiting; the time is spent in the database.",
		},
		handoff3: []string{
			"Report API: a query plan regression since last week's database update, all users affected at peak hours. Needs the DB engineer.",
		},
		l3: []string{
			"Missing index after the schema migration (‵report_runs(owner_id, created_at)‵). Recreated it; report load time back to 2 s.",
		},
		fix: []string{
			"Hi {first}, reports load quickly again — a database index had gone missing during an update.",
		},
	},
	{
		queue: "Applications", weight: 4, priority: helpdesk.PriorityHigh, escalate: 85, deep: 45,
		subjects: []string{
			"Disk full on build server {server}",
			"{server}: /var at 100%, builds failing",
			"CI builds failing with \"No space left on device\" on {server}",
		},
		report: []string{
			"All builds on {server} are failing since this morning with \"No space left on device\". We have a release tomorrow.",
			"Our CI pipeline fails on {server}: ‵write /var/lib/docker/...: no space left on device‵.",
		},
		check: []string{
			"Monitoring: {server} /var at 100% since 06:12. L1 has no shell access to build servers.",
		},
		handoff: []string{
			"{server} /var full, all builds failing, release tomorrow. No L1 access. Monitoring shows steady growth over three weeks, probably Docker images.",
		},
		l2: []string{
			"‵docker system df‵: 180 GB of dangling images and build cache. Ran ‵docker system prune -af --filter until=168h‵; /var back to 41%.",
			"‵du -xh /var | sort -h | tail‵ shows 120 GB of old workspaces under /var/lib/jenkins/workspace. Removed those older than 14 days.",
		},
		handoff3: []string{
			"{server} fills up again within days; the cleanup job stopped running after the agent upgrade and the disk is undersized for the new pipelines. Needs a proper fix: resize and a cleanup timer.",
		},
		l3: []string{
			"Grew the /var LV by 200 GB (‵lvextend -r -L +200G‵) and added a systemd timer running ‵docker builder prune --keep-storage 50GB‵ nightly. Alert at 80% added.",
		},
		fix: []string{
			"Hi {first}, {server} has space again and builds are running. There's now a nightly cleanup and an earlier alert, so this won't catch you out before a release again.",
		},
	},

	// Endpoint
	{
		queue: "Endpoint", weight: 4, priority: helpdesk.PriorityHigh, escalate: 55, deep: 30,
		subjects: []string{
			"Laptop won't boot after BIOS update",
			"{laptop} black screen after firmware update",
		},
		report: []string{
			"My laptop installed a BIOS update last night and now it doesn't start: the power light is on but the screen stays black.",
			"After the firmware update my {laptop} shows the logo and then a black screen. I tried holding the power button.",
		},
		ask: []string{
			"Hi {first}, please unplug the charger and the dock, hold the power button for 30 seconds, then plug in only the charger and start it. Does anything change?",
		},
		answer: []string{
			"Same black screen. The keyboard lights up when I press Caps Lock though.",
			"No change. The fan spins up and then nothing.",
		},
		check: []string{
			"BIOS {ver} was pushed by the vendor tool. External monitor shows the Windows sign-in; the internal display stays dark.",
		},
		handoff: []string{
			"Black screen after BIOS {ver}; boots to Windows on an external monitor, internal panel dark. Tried power drain without dock. Needs a BIOS rollback or a hardware swap — asset {asset}.",
		},
		l2: []string{
			"Rolled the BIOS back to the previous version from a USB stick; internal panel works. Blocked {ver} for this model in the update ring.",
		},
		handoff3: []string{
			"BIOS {ver} breaks the internal panel on a batch of {laptop}; the rollback works but the vendor tool re-applies it. Needs a fleet-wide block and a vendor case.",
		},
		l3: []string{
			"Added {ver} to the firmware deny list for the affected models; vendor case {case} opened, fix expected in the next release.",
		},
		wait: []string{
			"Hi {first}, we're swapping your laptop; the replacement is being imaged and will be ready tomorrow afternoon. There's a loaner for you at the IT bar in the meantime.",
		},
		fix: []string{
			"Hi {first}, your laptop is back on the previous BIOS version and working. We've blocked the faulty update so it won't come back.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityHigh, escalate: 40, deep: 0,
		subjects: []string{
			"BitLocker asks for recovery key after update",
			"BitLocker recovery screen at every start",
		},
		report: []string{
			"My laptop asks for a BitLocker recovery key every time I turn it on since the update.",
		},
		check: []string{
			"TPM measurements changed with the firmware update and the protector was not suspended. Gave the user the recovery key after an identity check.",
		},
		handoff: []string{
			"BitLocker keeps asking for recovery after BIOS {ver}; re-sealing with ‵manage-bde -protectors -enable C:‵ didn't stick. Needs the endpoint team.",
		},
		l2: []string{
			"Cleared the TPM and re-enabled the protectors after a suspend/resume; two reboots without a prompt.",
		},
		fix: []string{
			"Hi {first}, BitLocker is sealed again and won't ask for the recovery key any more. If it ever does, call us before typing it in.",
		},
	},
	{
		queue: "Endpoint", weight: 5, priority: helpdesk.PriorityNormal, escalate: 10, deep: 0,
		subjects: []string{
			"Printer on {floor} floor offline",
			"{printer} shows Offline for everyone",
			"Nobody can print to {printer}",
		},
		report: []string{
			"The printer on the {floor} floor ({printer}) shows \"Offline\" for everyone. Nobody can print.",
		},
		check: []string{
			"Printer got a new IP after a DHCP lease change (reservation missing); the print server queue points at the old one.",
		},
		handoff: []string{
			"{printer} keeps losing its address; the DHCP reservation won't save on the {site} scope. Needs network.",
		},
		fix: []string{
			"Hi {first}, {printer} is back online. It had been given a new network address; we've fixed that permanently.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityLow, escalate: 0, deep: 0,
		subjects: []string{
			"{printer} prints blank pages",
			"Blank pages from the {floor} floor printer",
		},
		report: []string{
			"{printer} prints, but the pages come out blank.",
		},
		check: []string{
			"Toner reported full but the drum unit is at 0%. Replacement drum ordered.",
		},
		wait: []string{
			"Hi {first}, the replacement drum for {printer} is on order and should arrive on Tuesday. Please use the printer in the other wing until then.",
		},
		fix: []string{
			"Hi {first}, the drum unit is replaced and {printer} prints properly again.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityNormal, escalate: 40, deep: 0,
		subjects: []string{
			"Scan to email not working on {printer}",
			"Scans from {printer} never arrive",
		},
		report: []string{
			"Scan to email on {printer} says \"SMTP error\" and nothing arrives.",
		},
		check: []string{
			"The SMTP relay rejects the printer: the relay now requires TLS 1.2 and the printer's firmware is too old.",
		},
		handoff: []string{
			"{printer} can't send scans: the SMTP relay requires TLS 1.2, the printer firmware only does 1.0. Needs a firmware upgrade or a relay exception.",
		},
		l2: []string{
			"Upgraded the printer firmware; TLS 1.2 negotiated, test scan delivered.",
		},
		fix: []string{
			"Hi {first}, scan to email works again on {printer} after a firmware update.",
		},
	},
	{
		queue: "Endpoint", weight: 4, priority: helpdesk.PriorityLow, escalate: 15, deep: 0,
		subjects: []string{
			"External monitors not detected on {dock}",
			"Second monitor flickers on {dock}",
		},
		report: []string{
			"My monitors stopped working properly on the {dock}. The laptop charges through it, but one screen says \"No signal\" and the other flickers.",
		},
		check: []string{
			"Dock firmware was two versions behind; updated it. One monitor back. Swapped the DisplayPort cable for the other; flicker persists.",
		},
		handoff: []string{
			"Dock still loses the second display after firmware update and cable swap; the same dock model works at the next desk. Suspect hardware, needs replacement approval.",
		},
		fix: []string{
			"Hi {first}, we updated the dock's firmware and replaced a cable; both monitors work now.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityLow, escalate: 0, deep: 0,
		subjects: []string{
			"Webcam not detected in Teams",
			"Teams: \"We can't find a camera\"",
		},
		report: []string{
			"Teams says \"We can't find a camera\". The light next to the webcam doesn't turn on.",
		},
		check: []string{
			"Camera disabled in the BIOS (privacy setting came back after a BIOS reset). Re-enabled.",
		},
		fix: []string{
			"Hi {first}, the camera had been switched off in the laptop's firmware settings. It's back on.",
		},
	},
	{
		queue: "Endpoint", weight: 3, priority: helpdesk.PriorityNormal, escalate: 20, deep: 0,
		subjects: []string{
			"Laptop very slow since update",
			"Laptop fan constantly loud, everything slow",
		},
		report: []string{
			"Since the update on Tuesday my laptop is extremely slow; opening Excel takes minutes and the fan never stops.",
		},
		check: []string{
			"Task Manager: antivirus scan at 90% CPU continuously, stuck on the OneDrive cache folder.",
		},
		handoff: []string{
			"Antivirus scan loops on the OneDrive cache folder; exclusions are managed centrally and L1 can't add them.",
		},
		l2: []string{
			"Scan engine update introduced the loop on cloud placeholder files; vendor hotfix applied to the policy.",
		},
		fix: []string{
			"Hi {first}, a stuck antivirus scan was eating your laptop's CPU. Fixed — it should feel normal again.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityNormal, escalate: 0, deep: 0,
		subjects: []string{
			"C: drive full, updates fail",
			"\"Low disk space\" warning on laptop",
		},
		report: []string{
			"Windows says my C: drive is full and updates fail. I don't store much locally.",
		},
		check: []string{
			"WinDirStat: 60 GB in ‵C:\\Users\\{user}\\AppData\\Local\\Temp‵ from a crashing app writing dumps. Removed them and repaired the app.",
		},
		fix: []string{
			"Hi {first}, a crashing program had filled your disk with dump files. I removed them (40 GB free now) and repaired the program.",
		},
	},
	{
		queue: "Endpoint", weight: 2, priority: helpdesk.PriorityHigh, escalate: 65, deep: 0,
		subjects: []string{
			"Blue screen when undocking",
			"Laptop crashes when I unplug the dock",
		},
		report: []string{
			"I get a blue screen every time I take the laptop off the dock.",
		},
		check: []string{
			"Minidump shows ‵DRIVER_POWER_STATE_FAILURE‵ in the dock's USB-C driver. Updated the driver, still crashes.",
		},
		handoff: []string{
			"BSOD DRIVER_POWER_STATE_FAILURE on undock, dump attached; driver updated, still crashes. Needs a look at the dump and at the driver rollout.",
		},
		l2: []string{
			"Known issue with this dock driver on the model; rolled back to the previous driver and paused the rollout for the group.",
		},
		fix: []string{
			"Hi {first}, the blue screens came from a faulty driver update. We rolled it back for you and paused it for everyone else.",
		},
	},
}

// Generic lines for scenarios that leave a field empty.
var (
	genericAsk = []string{
		"Hi {first}, thanks for reporting this. When did it start, and did anything change around then (updates, a new location, new software)?",
		"Hi {first}, I'm looking into it. Could you send a screenshot of the exact message and the asset tag from the bottom of your laptop?",
		"Hi {first}, sorry for the trouble. Does it happen in the office, at home, or both?",
	}
	genericAnswer = []string{
		"It started on Monday after updates installed overnight. Screenshot attached.",
		"Both at home and in the office. Asset tag is {asset}.",
		"Only in the office as far as I can tell. It was fine last week.",
		"Screenshot attached. {colleague} next to me has the same problem.",
	}
	genericFollowUp = []string{
		"Any update? This is blocking me.",
		"Adding: {colleague} sitting next to me has the same issue now.",
		"Still happening this morning.",
	}
	genericL2 = []string{
		"Picked up. Reproduced on a test machine; collecting logs.",
		"Read the hand-off, thanks. Checking the server side now.",
		"Looks related to last week's change; going through the change log.",
	}
	genericHandoff3 = []string{
		"Root cause is outside what L2 can change (platform configuration). Findings and logs above; needs an engineer with change rights.",
	}
	genericL3 = []string{
		"Root cause found in the platform config; fix prepared and peer-reviewed, rolling out in the next window.",
		"Reproduced in staging; patched and deployed.",
	}
	genericWait = []string{
		"Hi {first}, we're waiting on the vendor (case {case}). I'm setting this to stalled and will update you as soon as they answer.",
		"Hi {first}, I'll set this to stalled until you're back in the office on Monday so we can check it together at your desk.",
	}
	genericThanks = []string{
		"That did it, thank you!",
		"Works again. Thanks for the quick help.",
		"All good now, you can close this.",
	}
	genericReject = []string{
		"Hi {first}, this is already being handled in {dup}, so I'm closing this one as a duplicate. You'll get updates there.",
		"Hi {first}, this one is outside what IT supports (personal device). I'm closing the ticket; the KB has tips for home setups.",
	}
	genericDeescalate = []string{
		"Not a server-side problem after all: everything checks out here. Client-side fix needed (profile reset at the desk); sending back to L1.",
		"Configuration fixed on our side; L1 please confirm with the user and close.",
	}
)
