#!/usr/bin/perl
# seed.pl — give a fresh Request Tracker what Tierdesk's tests and demos
# expect. Run by rt-server.sh with RT's lib on @INC and RT_SITE_CONFIG set;
# safe to run again (everything is looked up before it is created).
use strict;
use warnings;

use RT;
RT::LoadConfig();
RT::Init();

my $su       = RT->SystemUser;
my $password = $ENV{RT_AGENT_PASSWORD} || 'tierdesk-agent';

sub check {
    my ($what, $ok, $msg) = @_;
    die "$what: $msg\n" unless $ok;
    print "$what\n";
}

# Queues: one per tier; RT's own General stays as the catch-all.
for my $name (qw(L1 L2 L3)) {
    my $q = RT::Queue->new($su);
    $q->Load($name);
    next if $q->id;
    check("queue $name", $q->Create(Name => $name, Description => "Support tier $name"));
}

# custom_field creates a ticket custom field applied to every queue
# ("Queue => 0" is RT's way of saying globally).
sub custom_field {
    my (%args) = @_;
    my $values = delete $args{Values} || [];
    my $cf = RT::CustomField->new($su);
    $cf->LoadByName(Name => $args{Name}, LookupType => RT::Ticket->CustomFieldLookupType);
    return if $cf->id;
    check("custom field $args{Name}", $cf->Create(
        %args,
        MaxValues  => 1,
        LookupType => RT::Ticket->CustomFieldLookupType,
        Queue      => 0,
    ));
    my $order = 0;
    check("  value $_", $cf->AddValue(Name => $_, SortOrder => ++$order)) for @$values;
}

custom_field(Name => 'Tier', Type => 'Select', Values => [qw(L1 L2 L3)],
    Description => 'Support tier (Tierdesk)');
# The client reference of a ticket created by Tierdesk: lets the app find a
# create whose answer was lost and never file it twice.
custom_field(Name => 'Tierdesk Ref', Type => 'Freeform',
    Description => 'Client reference of a ticket created by Tierdesk');

# Knowledge base: RT's own class General (with its Content field) plus a
# Network class, and an article custom field "Tierdesk Ref" on every class:
# the client reference of an article written in Tierdesk, so an article
# whose create was not confirmed is looked up before it is filed again.
{
    my $class = RT::Class->new($su);
    $class->Load('Network');
    unless ($class->id) {
        check("class Network", $class->Create(Name => 'Network', Description => 'Network and VPN'));
        my $content = RT::CustomField->new($su);
        $content->LoadByName(Name => 'Content', LookupType => RT::Article->CustomFieldLookupType);
        check("  Content on Network", $content->AddToObject($class)) if $content->id;
    }
    my $cf = RT::CustomField->new($su);
    $cf->LoadByName(Name => 'Tierdesk Ref', LookupType => RT::Article->CustomFieldLookupType);
    unless ($cf->id) {
        check("article custom field Tierdesk Ref", $cf->Create(
            Name        => 'Tierdesk Ref',
            Type        => 'Freeform',
            MaxValues   => 1,
            LookupType  => RT::Article->CustomFieldLookupType,
            Description => 'Client reference of an article written in Tierdesk',
        ));
        # An object without an id stands for every class.
        check("  applied to every class", $cf->AddToObject(RT::Class->new($su)));
    }
}

# Users: privileged agents per tier, and one requester who may own nothing.
my @users = (
    [agent1    => 'Alex Agent',     1],
    [agent2    => 'Blair Agent',    1],
    [engineer2 => 'Casey Engineer', 1],
    [engineer3 => 'Devon Engineer', 1],
    [requester1 => 'Dana Requester', 0],
);
for my $u (@users) {
    my ($name, $real, $privileged) = @$u;
    my $user = RT::User->new($su);
    $user->Load($name);
    next if $user->id;
    check("user $name", $user->Create(
        Name         => $name,
        RealName     => $real,
        EmailAddress => "$name\@tierdesk.test",
        Password     => $password,
        Privileged   => $privileged,
    ));
}

# REST2 has no endpoint for rights; what an agent does in Tierdesk needs these.
my $group = RT::Group->new($su);
$group->LoadSystemInternalGroup('Privileged') or die "no Privileged group\n";
for my $right (qw(SeeQueue ShowTicket CreateTicket ModifyTicket OwnTicket TakeTicket
                  StealTicket ReplyToTicket CommentOnTicket ShowTicketComments Watch
                  SeeCustomField ModifyCustomField ShowArticle SeeClass ManageAuthTokens
                  CreateArticle ModifyArticle)) {
    my ($ok, $msg) = $group->PrincipalObj->GrantRight(Right => $right, Object => RT->System);
    # Re-granting is harmless; only a real failure stops the seed.
    die "right $right: $msg\n" unless $ok || $msg =~ /already has/i;
}
print "rights granted to Privileged\n";
