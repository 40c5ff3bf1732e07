<?php
/**
 * The settings page (Settings → Candidacy Quiz): the clinic's details, brand colour and
 * protocol, and the Protocol Studio in a frame, which validates a protocol with the project's
 * own validator (its WebAssembly) before it can be saved here. The server checks only that it
 * received well-formed JSON of a sane size.
 *
 * @package CandidacyQuiz
 */

defined( 'ABSPATH' ) || exit;

/** The settings and the page. */
function candidacy_quiz_admin_init() {
	register_setting(
		'candidacy_quiz',
		'candidacy_quiz_settings',
		array(
			'type'              => 'array',
			'sanitize_callback' => 'candidacy_quiz_sanitize_settings',
			'default'           => array(),
		)
	);
}
add_action( 'admin_init', 'candidacy_quiz_admin_init' );

/**
 * Keeps only what the quiz accepts: a link it would follow, a colour it can check.
 *
 * @param mixed $input The submitted settings.
 * @return array
 */
function candidacy_quiz_sanitize_settings( $input ) {
	$input    = is_array( $input ) ? $input : array();
	$current  = candidacy_quiz_settings();
	$protocol = isset( $input['protocol'] ) ? sanitize_key( $input['protocol'] ) : $current['protocol'];
	if ( 'own' !== $protocol && ! in_array( $protocol, CANDIDACY_QUIZ_TREATMENTS, true ) ) {
		$protocol = 'microneedling';
	}
	$brand = isset( $input['brand'] ) ? trim( (string) $input['brand'] ) : '';
	// WordPress may sanitize a new option twice in one save: say it once.
	$said = wp_list_filter( get_settings_errors( 'candidacy_quiz_settings' ), array( 'code' => 'brand' ) );
	if ( '' !== $brand && ! preg_match( '/^#[0-9a-fA-F]{6}$/', $brand ) ) {
		if ( ! $said ) {
			add_settings_error( 'candidacy_quiz_settings', 'brand', __( 'The brand colour must be written #rrggbb, such as #1f6f78. It was not saved.', 'candidacy-quiz' ) );
		}
		$brand = $current['brand'];
	}
	return array(
		'clinic_name' => isset( $input['clinic_name'] ) ? sanitize_text_field( $input['clinic_name'] ) : '',
		'phone'       => isset( $input['phone'] ) ? sanitize_text_field( $input['phone'] ) : '',
		'booking_url' => isset( $input['booking_url'] ) ? esc_url_raw( $input['booking_url'], array( 'https', 'http', 'tel', 'mailto' ) ) : '',
		'brand'       => $brand,
		'protocol'    => $protocol,
	);
}

/** Settings → Candidacy Quiz. */
function candidacy_quiz_admin_menu() {
	$hook = add_options_page(
		__( 'Candidacy Quiz', 'candidacy-quiz' ),
		__( 'Candidacy Quiz', 'candidacy-quiz' ),
		'manage_options',
		'candidacy-quiz',
		'candidacy_quiz_settings_page'
	);
	add_action(
		'admin_print_scripts-' . $hook,
		function () {
			wp_enqueue_script( 'candidacy-quiz-settings', plugins_url( 'admin/settings.js', dirname( __DIR__ ) . '/candidacy-quiz.php' ), array(), CANDIDACY_QUIZ_VERSION, true );
		}
	);
}
add_action( 'admin_menu', 'candidacy_quiz_admin_menu' );

/** The settings page. */
function candidacy_quiz_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings = candidacy_quiz_settings();
	$own      = get_option( 'candidacy_quiz_protocol', '' );
	$names    = array(
		'microneedling'        => __( 'Microneedling (the default)', 'candidacy-quiz' ),
		'rf-microneedling'     => __( 'RF microneedling', 'candidacy-quiz' ),
		'prp-microneedling'    => __( 'Microneedling with PRP', 'candidacy-quiz' ),
		'rf-prp-microneedling' => __( 'RF microneedling with PRP', 'candidacy-quiz' ),
	);
	if ( '' !== $own ) {
		$names['own'] = __( 'Your own, edited in the studio below', 'candidacy-quiz' );
	}
	$field = function ( $key, $label, $type = 'text', $hint = '' ) use ( $settings ) {
		printf(
			'<tr><th scope="row"><label for="candidacy-quiz-%1$s">%2$s</label></th><td><input class="regular-text" type="%3$s" id="candidacy-quiz-%1$s" name="candidacy_quiz_settings[%1$s]" value="%4$s"%5$s>%6$s</td></tr>',
			esc_attr( $key ),
			esc_html( $label ),
			esc_attr( $type ),
			esc_attr( $settings[ $key ] ),
			'' !== $hint ? ' aria-describedby="candidacy-quiz-' . esc_attr( $key ) . '-hint"' : '',
			'' !== $hint ? '<p class="description" id="candidacy-quiz-' . esc_attr( $key ) . '-hint">' . esc_html( $hint ) . '</p>' : ''
		);
	};
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Candidacy Quiz', 'candidacy-quiz' ); ?></h1>
		<?php candidacy_quiz_protocol_notice(); ?>
		<p><?php esc_html_e( 'Put the quiz on a page with the "Candidacy Quiz" block, or the shortcode [candidacy_quiz] (options: lang="es", mode="popup", protocol="rf-microneedling", button_label="…"). It runs in your visitors\' browsers, from this site: their answers are never sent anywhere.', 'candidacy-quiz' ); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields( 'candidacy_quiz' ); ?>
			<h2><?php esc_html_e( 'Your clinic', 'candidacy-quiz' ); ?></h2>
			<table class="form-table" role="presentation">
				<?php
				$field( 'clinic_name', __( 'Clinic name', 'candidacy-quiz' ) );
				$field( 'phone', __( 'Phone', 'candidacy-quiz' ), 'tel' );
				$field( 'booking_url', __( 'Booking link', 'candidacy-quiz' ), 'url', __( 'An https: address, or tel: or mailto:. Shown with the result.', 'candidacy-quiz' ) );
				$field( 'brand', __( 'Brand colour', 'candidacy-quiz' ), 'text', __( '#rrggbb, such as #1f6f78. The quiz ignores a colour that white text is not readable on.', 'candidacy-quiz' ) );
				?>
				<tr>
					<th scope="row"><label for="candidacy-quiz-protocol"><?php esc_html_e( 'Protocol', 'candidacy-quiz' ); ?></label></th>
					<td>
						<select id="candidacy-quiz-protocol" name="candidacy_quiz_settings[protocol]">
							<?php foreach ( $names as $value => $label ) : ?>
								<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $settings['protocol'], $value ); ?>><?php echo esc_html( $label ); ?></option>
							<?php endforeach; ?>
						</select>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>

		<h2 id="candidacy-quiz-studio-heading"><?php esc_html_e( 'Edit the protocol in the Protocol Studio', 'candidacy-quiz' ); ?></h2>
		<p><?php esc_html_e( 'The studio opens your protocol (or the chosen treatment), checks every edit with the quiz\'s own validator and shows the quiz beside it. "Save to the site" in its Publish part saves it here; only a protocol without problems can be saved.', 'candidacy-quiz' ); ?></p>
		<div id="candidacy-quiz-studio"
			data-studio="<?php echo esc_url( candidacy_quiz_url( 'studio/?embedded' ) ); ?>"
			data-treatment-url="<?php echo esc_url( candidacy_quiz_url( 'protocols/' . ( 'own' === $settings['protocol'] ? 'microneedling' : $settings['protocol'] ) . '.json' ) ); ?>"
			data-name="<?php echo esc_attr( '' !== $own ? 'clinic.json' : $settings['protocol'] . '.json' ); ?>">
			<button type="button" class="button" id="candidacy-quiz-open-studio"><?php esc_html_e( 'Open the studio', 'candidacy-quiz' ); ?></button>
		</div>
		<?php if ( '' !== $own ) : ?>
			<script type="application/json" id="candidacy-quiz-own-protocol"><?php echo wp_json_encode( $own, JSON_HEX_TAG | JSON_HEX_AMP ); ?></script>
		<?php endif; ?>
		<form method="post" action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" id="candidacy-quiz-save" hidden>
			<input type="hidden" name="action" value="candidacy_quiz_save_protocol">
			<?php wp_nonce_field( 'candidacy_quiz_save_protocol' ); ?>
			<input type="hidden" name="protocol" value="">
		</form>
	</div>
	<?php
}

/** What happened to the last protocol sent from the studio. */
function candidacy_quiz_protocol_notice() {
	// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only chooses which notice to show.
	$outcome = isset( $_GET['candidacy-quiz'] ) ? sanitize_key( $_GET['candidacy-quiz'] ) : '';
	$notices = array(
		'saved'       => array( 'success', __( 'Your protocol was saved, and the quiz on your pages uses it.', 'candidacy-quiz' ) ),
		'not-json'    => array( 'error', __( 'The protocol was not saved: what arrived is not a JSON object. Open it in the studio to see its problems.', 'candidacy-quiz' ) ),
		'too-large'   => array( 'error', __( 'The protocol was not saved: it is larger than 1 MB, which no protocol is.', 'candidacy-quiz' ) ),
		'not-written' => array( 'warning', __( 'The protocol was saved, but WordPress cannot write the quiz\'s copy of it (the plugin\'s quiz/protocols folder is not writable), so the quiz still uses a shipped treatment.', 'candidacy-quiz' ) ),
	);
	if ( isset( $notices[ $outcome ] ) ) {
		printf( '<div class="notice notice-%1$s" role="status"><p>%2$s</p></div>', esc_attr( $notices[ $outcome ][0] ), esc_html( $notices[ $outcome ][1] ) );
	}
}

/** The studio's protocol, saved: well-formed JSON of a sane size (the studio validated it). */
function candidacy_quiz_save_protocol() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'You are not allowed to change the quiz.', 'candidacy-quiz' ), 403 );
	}
	check_admin_referer( 'candidacy_quiz_save_protocol' );
	$text = isset( $_POST['protocol'] ) ? wp_unslash( $_POST['protocol'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- JSON, checked below and stored as it is.
	$back = admin_url( 'options-general.php?page=candidacy-quiz' );
	if ( strlen( $text ) > CANDIDACY_QUIZ_MAX_PROTOCOL_BYTES ) {
		wp_safe_redirect( add_query_arg( 'candidacy-quiz', 'too-large', $back ) );
		exit;
	}
	$decoded = json_decode( $text, false, 128 );
	if ( ! is_object( $decoded ) ) {
		wp_safe_redirect( add_query_arg( 'candidacy-quiz', 'not-json', $back ) );
		exit;
	}
	update_option( 'candidacy_quiz_protocol', $text, false );
	$settings             = candidacy_quiz_settings();
	$settings['protocol'] = 'own';
	update_option( 'candidacy_quiz_settings', $settings );
	$written = null !== candidacy_quiz_own_protocol_path();
	wp_safe_redirect( add_query_arg( 'candidacy-quiz', $written ? 'saved' : 'not-written', $back ) );
	exit;
}
add_action( 'admin_post_candidacy_quiz_save_protocol', 'candidacy_quiz_save_protocol' );
